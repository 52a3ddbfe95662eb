//! Field-name hints: what a key (and the keys and siblings around it) says about a leaf's value.
//!
//! Keys are split into lowercase words whatever their convention (`date_of_birth`, `birthDate`,
//! `DOB`, `first-name`, `SSNNumber`, `line1`), then matched against a vocabulary of identifier
//! names and their common abbreviations. Generic keys (`value`, `text`, `name`, `display`,
//! `start`) take their meaning from their ancestors (`/contact/name/text`, `/period/start`) or
//! from a typing sibling (FHIR `telecom[].system`, `identifier[].type`, `extension[].url`, or a
//! `{"type": "drivers_license", "number": …}` pair).
//!
//! A hint is only a claim about the field: [`plausible`] checks that the value has the shape of
//! the kind before the whole leaf is treated as that identifier, so `{"zip": "n/a"}` and
//! `{"age": 45}` stay.

use super::pointer::Seg;
use crate::detect::EntityKind;
use crate::transform::generalize::parse_date;
use serde_json::{Map, Value};

/// What the name of a field says about its value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Hint {
    /// The whole value is an identifier of this kind (if its shape agrees). `strong` names leave
    /// no doubt (`ssn`, `firstName`); weak ones (`name` under an unknown parent) also need a
    /// value that looks the part.
    Entity { kind: EntityKind, strong: bool },
    /// Free text (`notes`, `body`, `div`): the text detectors decide.
    FreeText,
    /// A measure, code, status or record id (`amount`, `icd10`, `status`, `transaction_id`):
    /// unvalidated findings in a compact value are ignored.
    NotIdentifier,
    /// Record metadata (`createdAt`, `meta.lastUpdated`): dates here are not about a person.
    Metadata,
    /// A namespace or schema URI (`identifier.system`, `extension.url`, `$schema`, `profile`):
    /// it names a code system or a definition, not a person, so URLs and OIDs in it stay.
    Namespace,
    /// Nothing known: the text detectors decide.
    Unknown,
}

use EntityKind as K;

fn strong(kind: EntityKind) -> Hint {
    Hint::Entity { kind, strong: true }
}

fn weak(kind: EntityKind) -> Hint {
    Hint::Entity { kind, strong: false }
}

/// Splits a key into lowercase words: `date_of_birth`, `dateOfBirth`, `DateOfBirth`,
/// `date-of-birth` → `date of birth`; `SSNNumber` → `ssn number`; `line1` → `line 1`.
pub(crate) fn words(key: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut cur = String::new();
    let chars: Vec<char> = key.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if !c.is_alphanumeric() {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            continue;
        }
        if let (false, Some(&prev)) = (cur.is_empty(), i.checked_sub(1).and_then(|j| chars.get(j))) {
            let next = chars.get(i + 1).copied();
            let boundary = (prev.is_lowercase() && c.is_uppercase())
                || (prev.is_uppercase() && c.is_uppercase() && next.is_some_and(|n| n.is_lowercase()))
                || (prev.is_alphabetic() && c.is_numeric())
                || (prev.is_numeric() && c.is_alphabetic());
            if boundary {
                out.push(std::mem::take(&mut cur));
            }
        }
        cur.extend(c.to_lowercase());
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// True when `word` is one of the whitespace-separated words of `list`.
fn listed(list: &str, word: &str) -> bool {
    // A substring search first (fast, and false for most words); then the word boundaries.
    !word.is_empty() && list.contains(word) && list.split_ascii_whitespace().any(|w| w == word)
}

/// A key's words, its compact form (`dateofbirth`) and what it says, computed once per key.
pub(crate) struct KeyWords {
    pub words: Vec<String>,
    pub compact: String,
    /// [`key_hint`] of the key alone.
    pub hint: Option<Hint>,
    /// Names a person's role (`patient`, `requester`, `cardholder`).
    person_role: bool,
    /// Names an organization, a place or a thing (`merchant`, `plan`, `file`).
    not_person: bool,
    /// Names a personal name (`name`, `patientName`).
    name_like: bool,
    /// Names an address (`address`, `billing_address`).
    address_like: bool,
    /// Generic: its meaning comes from the context (`value`, `text`, `id`).
    generic: bool,
    /// Marks a health record (`patient`, `icd10`, `medication`).
    pub health: bool,
    /// Names a namespace or schema (`system`, `profile`, `$schema`).
    namespace: bool,
    /// A period or stay whose `start` and `end` are dates (`period`, `admission`).
    period_like: bool,
    /// A FHIR extension (its `url` names the value).
    extension: bool,
}

impl KeyWords {
    pub(crate) fn new(key: &str) -> KeyWords {
        let words = words(key);
        let compact = words.concat();
        let mut k = KeyWords {
            words,
            compact,
            hint: None,
            person_role: false,
            not_person: false,
            name_like: false,
            address_like: false,
            generic: false,
            health: false,
            namespace: false,
            period_like: false,
            extension: false,
        };
        k.hint = key_hint(&k);
        k.person_role = k.has_any(PERSON_ROLES);
        k.not_person = k.has_any(NOT_PERSON_CONTEXT)
            && !k.has_any("patient member subscriber holder contact person applicant");
        k.name_like = k.has_any("name names humanname") || name_hint(&k) == Some(strong(K::Person));
        k.address_like = k.has_any("address addr addresses");
        k.generic = listed(GENERIC, &k.compact);
        k.health = k.has_any(crate::classify::HEALTH_WORDS);
        k.namespace = k.is(NAMESPACES);
        k.period_like = k.has_any(PERIODS);
        k.extension = k.has_any("extension modifierextension");
        k
    }

    fn has(&self, w: &str) -> bool {
        self.words.iter().any(|x| x == w)
    }

    /// True when a word (or its singular: `items` → `item`) is in `list`.
    fn has_any(&self, list: &str) -> bool {
        self.words.iter().any(|x| {
            listed(list, x)
                || (x.len() > 3
                    && !x.ends_with("ss")
                    && x.strip_suffix('s').is_some_and(|stem| listed(list, stem)))
        })
    }

    fn is(&self, compacts: &str) -> bool {
        listed(compacts, &self.compact)
    }

    fn last(&self) -> &str {
        self.words.last().map(String::as_str).unwrap_or("")
    }

    fn contains(&self, fragment: &str) -> bool {
        self.compact.contains(fragment)
    }
}

/// Words marking a person (a role) in a key: `patient`, `cardholder`, `first` (name)...
const PERSON_ROLES: &str =
    "patient member subscriber insured beneficiary guarantor policyholder holder cardholder \
        applicant coapplicant borrower coborrower cosigner customer client user contact \
        emergency spouse parent mother father guardian child dependent relative kin sibling \
        employee owner signer signatory witness recipient sender payee first last given family \
        middle full legal maiden nick preferred sur fore physician doctor dr practitioner nurse \
        clinician surgeon attending referring rendering ordering prescriber prescribing \
        performing treating pcp therapist pharmacist author requester requestor reporter \
        assignee agent caller caregiver student tenant landlord driver passenger traveler \
        traveller guest visitor resident decedent individual person people worker manager \
        supervisor representative rep attorney lawyer claimant donor candidate debtor endorser \
        partner husband wife son daughter brother sister grandparent nextofkin provider \
        participant performer subject recorder asserter attester enterer verifier informant who \
        actor practitioners generalpractitioner careprovider account signature";

/// Keys that, on their own, hold a person's name when their value looks like one.
const PERSON_KEYS: &str = "patient doctor physician nurse surgeon clinician practitioner guarantor spouse \
        parent mother father guardian child dependent relative sibling employee assignee requester \
        requestor reporter author owner signer witness recipient sender payee beneficiary insured \
        subscriber member cardholder holder applicant coapplicant borrower coborrower cosigner customer \
        client caregiver tenant landlord driver passenger traveler traveller guest visitor resident \
        decedent claimant manager supervisor agent representative attorney lawyer caller \
        emergencycontact nextofkin pcp referrer adjuster underwriter approver reviewer creator \
        assignedto createdby updatedby approvedby reviewedby submittedby signedby";

/// Words marking an organization, a place or a thing: their `name` is not a person's.
const NOT_PERSON_CONTEXT: &str =
    "merchant company employer organization organisation org business facility hospital \
        clinic practice pharmacy bank institution vendor supplier payer payor insurer carrier \
        plan product item drug medication medicine med file filename attachment document brand \
        model host server domain app application service field column table tag \
        category group team department dept unit ward location site venue project campaign test \
        code coding procedure diagnosis condition allergy vaccine lab specimen study protocol \
        trial course school university entity firm agency network region zone street city state \
        country county store shop restaurant hotel airline manufacturer make device os browser \
        package library module class function job task queue topic channel role type kind \
        status relationship language currency unit measure metric feature flag setting config \
        option parameter param attribute property key label title folder directory collection \
        list container bucket workspace board sheet report";

/// Values that stand for "no value": never treated as identifiers.
fn placeholder(v: &str) -> bool {
    let t = v.trim().trim_matches(|c: char| matches!(c, '[' | ']' | '<' | '>' | '(' | ')' | '*'));
    t.is_empty()
        || matches!(
            t.to_ascii_lowercase().as_str(),
            "n/a"
                | "na"
                | "none"
                | "null"
                | "nil"
                | "unknown"
                | "unk"
                | "-"
                | "--"
                | "redacted"
                | "anonymous"
                | "not provided"
                | "not available"
                | "withheld"
                | "declined"
                | "tbd"
                | "?"
                | "x"
                | "xx"
                | "xxx"
                | "true"
                | "false"
                | "yes"
                | "no"
                | "undefined"
        )
}

/// The hint from a key alone (no context), `None` for generic keys that need context.
pub(crate) fn key_hint(k: &KeyWords) -> Option<Hint> {
    if k.words.is_empty() {
        return None;
    }
    let c = k.compact.as_str();
    // Booleans and metadata about an identifier are not the identifier: `has_ssn`,
    // `phone_verified`, `email_opt_in`, `password_changed_at`, `ssn_type`.
    // Anywhere in the key:
    const ABOUT_ANY: &str = "verified verification confirmed validated optin opt optout consent preference \
        preferences count length changed reset required policy hint ttl format mask masked \
        present provided enabled disabled flag updated expires expiry expiration strength \
        rotated rotation salt algorithm";
    // As the last word:
    const ABOUT_LAST: &str =
        "type types status set source system use uses kind label country region domain provider \
        carrier brand network bin valid at on date time preferred";
    let first = k.words.first().map(String::as_str).unwrap_or("");
    let about = |ignore_last: &str| {
        k.words.len() > 1
            && (k.has_any(ABOUT_ANY) || (listed(ABOUT_LAST, k.last()) && !listed(ignore_last, k.last())))
            || matches!(first, "is" | "has")
    };

    // --- Credentials (API_KEY) ------------------------------------------------------------
    if k.has_any("password passwd pwd passcode passphrase secret apikey privatekey")
        || k.is("apikey apisecret accesstoken refreshtoken idtoken authtoken sessiontoken bearertoken \
        clientsecret privatekey secretkey accesskey accesskeyid secretaccesskey securityanswer \
        secretanswer mfasecret totpsecret otpsecret signingkey webhooksecret connectionstring \
        authorization credentials credential token sessionid sessioncookie cookie otp \
        recoverycode recoverycodes")
    {
        if about("") {
            return Some(Hint::Metadata);
        }
        let weak_names = ["token", "sessionid", "cookie", "authorization"];
        return Some(if weak_names.contains(&c) { weak(K::ApiKey) } else { strong(K::ApiKey) });
    }

    // --- Card data (PCI) -------------------------------------------------------------------
    if k.has_any("cvv cvv2 cvc cvc2 cvn csc")
        || k.is("securitycode cardsecuritycode cardverificationcode cardverificationvalue cardcode \
        cardcvv cvvcode cvccode cid")
    {
        return Some(if c == "cid" { weak(K::CardCvv) } else { strong(K::CardCvv) });
    }
    if k.is("track1 track2 track1data track2data trackdata magstripe magstripedata magneticstripe \
        rawtrack tracks track2equivalentdata")
    {
        return Some(strong(K::CardTrack));
    }
    if k.is("pin pinblock cardpin pinnumber atmpin encryptedpin pinhash") {
        return Some(strong(K::CardPin));
    }
    if k.is("cardexpiry cardexpiration cardexpirationdate cardexpirydate ccexp ccexpiry ccexpiration \
        validthru validthrough goodthru cardexpmonth cardexpyear")
    {
        return Some(strong(K::CardExpiry));
    }
    if k.is("pan cardnumber cardno cardnum ccnumber ccnum ccno cc creditcard creditcardnumber \
        creditcardno debitcard debitcardnumber paymentcard paymentcardnumber \
        primaryaccountnumber cardpan card accountpan fpan dpan")
    {
        return Some(strong(K::CreditCard));
    }

    // --- Bank ------------------------------------------------------------------------------
    if k.has("iban") {
        return Some(if about("") { Hint::Metadata } else { strong(K::Iban) });
    }
    if k.is("swift swiftcode bic biccode swiftbic bicswift bankbic bankswift") {
        return Some(strong(K::SwiftBic));
    }
    if k.has("routing")
        || k.is("aba abanumber abarouting rtn transitnumber sortcode bsb bsbnumber bankcode ifsc ifsccode \
        bankroutingnumber")
    {
        return Some(if about("") { Hint::Metadata } else { strong(K::RoutingNumber) });
    }

    // --- Health identifiers ----------------------------------------------------------------
    if k.has("npi") || k.is("nationalprovideridentifier nationalproviderid nationalprovidernumber") {
        return Some(if about("") { Hint::Metadata } else { strong(K::Npi) });
    }
    if k.has("dea") || k.is("dearegistration dearegistrationnumber") {
        return Some(strong(K::DeaNumber));
    }
    if k.has("mrn")
        || k.is("medicalrecordnumber medicalrecordno medicalrecordnum medicalrecordid medicalrecord \
        medrecno medrecnum medrecnumber medrec mrnumber mrno chartnumber chartno chartid \
        patientid patientnumber patientno patientnum hospitalnumber hospitalno ehrid emrid \
        patientidentifier healthrecordnumber casenotenumber")
    {
        return Some(strong(K::Mrn));
    }
    if k.has_any("mbi hicn medicare medicaid")
        || k.is("memberid membernumber memberno membernum subscriberid subscribernumber subscriberno \
        policynumber policyno policyid policynum insuranceid insurancenumber insuranceno \
        insuredid insurednumber beneficiaryid beneficiarynumber healthplanid healthplannumber \
        planmemberid enrolleeid healthinsurancenumber insurancecardnumber memberidentifier \
        subscriberidentifier cardholderid insurancememberid payermemberid")
    {
        return Some(strong(K::HealthPlanId));
    }

    // --- Government and other documents ----------------------------------------------------
    if k.has("ssn")
        || k.is("socialsecuritynumber socialsecurity socialsecurityno socialsecuritynum socsec socsecno \
        sin nino nin taxid tin itin taxpayerid taxpayerno taxidentificationnumber nationalid \
        nationalidentifier nationalidnumber nationalidentitynumber personalidentitynumber \
        personnummer aadhaar curp")
    {
        return Some(if about("last4") { Hint::Metadata } else { strong(K::Ssn) });
    }
    if k.has("passport") {
        return Some(if about("") { Hint::Metadata } else { strong(K::Passport) });
    }
    if k.is("dl dlnumber dlno dln dlnum driverslicense driverlicense driverslicence driverlicence \
        drivinglicence drivinglicense driverslicensenumber driverlicensenumber licensenumber \
        licenseno licencenumber licenceno stateid stateidnumber medicallicense \
        medicallicensenumber professionallicense statelicense statelicensenumber \
        certificatenumber certificateno certificationnumber identitydocumentnumber idcardnumber \
        idnumber")
    {
        return Some(strong(K::DriverLicense));
    }
    if k.is("license licence") {
        return Some(weak(K::DriverLicense));
    }
    if k.has("vin")
        || k.is("vehicleidentificationnumber vehicleid chassisnumber chassisno licenseplate licenceplate \
        plate platenumber plateno numberplate registrationplate vehicleregistration \
        vehicleregistrationnumber tagnumber")
    {
        return Some(strong(K::Vin));
    }
    if k.has_any("imei meid udi iccid imsi idfa idfv")
        || k.is("deviceid deviceidentifier serial serialnumber serialno serialnum deviceserial \
        deviceserialnumber hardwareid hwid androidid advertisingid adid gaid machineid \
        equipmentid implantid devicenumber udidi deviceudi bluetoothid devicefingerprint \
        installationid pushtoken devicetoken")
    {
        return Some(if about("") { Hint::Metadata } else { strong(K::DeviceId) });
    }

    // --- Contact ----------------------------------------------------------------------------
    if k.has_any("email emailaddress emails") || k.is("mail emailaddr eaddress") {
        if about("") {
            return Some(Hint::Metadata);
        }
        return Some(strong(K::Email));
    }
    if k.words.windows(2).any(|w| w == ["e", "mail"]) {
        return Some(strong(K::Email));
    }
    if k.has_any(
        "phone phones telephone tel mobile cell cellphone fax pager msisdn whatsapp landline \
        phonenumber",
    ) || k.is("contactnumber callbacknumber homenumber worknumber daytimenumber")
    {
        if about("") || k.has_any("app model os carrier plan device") {
            return Some(Hint::Metadata);
        }
        return Some(strong(K::Phone));
    }
    if k.has_any("mac macaddress") {
        return Some(strong(K::MacAddress));
    }
    if k.has_any("ip ipaddress ipaddr ipv4 ipv6")
        || k.is("ipv4 ipv6 remoteaddr remoteaddress xforwardedfor clientaddr forwardedfor")
    {
        return Some(if about("") { Hint::Metadata } else { strong(K::IpAddress) });
    }
    if k.is("website webaddress homepage personalurl profileurl blog linkedin facebook twitter instagram \
        socialprofile personalwebsite profilelink photourl avatarurl pictureurl imageurl photo \
        picture avatar headshot selfie portrait profilephoto profilepicture facephoto tiktok \
        github mastodon")
    {
        return Some(weak(K::Url));
    }

    // --- Address ---------------------------------------------------------------------------
    if k.has_any("zip zipcode postcode postalcode zip5 zipplus4 pincode")
        || k.is("postal postalcode zip4")
        || (k.has("postal") && k.has("code"))
        || (k.has("pin") && k.has("code"))
    {
        return Some(if about("") { Hint::Metadata } else { strong(K::Zip) });
    }
    if k.has_any("city town municipality village suburb county borough hometown")
        || k.is("birthplace placeofbirth cityofbirth birthcity locality")
    {
        return Some(if about("") { Hint::Metadata } else { strong(K::City) });
    }
    if k.has_any("street addr address")
        || k.is("address addr streetaddress addressline addressline1 addressline2 addressline3 line1 \
        line2 line3 address1 address2 address3 addr1 addr2 homeaddress mailingaddress \
        residentialaddress billingaddress shippingaddress postaladdress physicaladdress \
        permanentaddress currentaddress residence domicile housenumber houseno pobox careof \
        apartment aptnumber fulladdress deliveryaddress addresstext homeaddr")
    {
        if about("") || k.has_any("verified type") {
            return Some(Hint::Metadata);
        }
        return Some(strong(K::StreetAddress));
    }

    // --- Ages and dates -----------------------------------------------------------------------
    if k.has("age") || k.is("ageyears ageinyears") {
        if k.has_any("unit units group range category bracket") && !k.has("years") {
            return Some(Hint::NotIdentifier);
        }
        return Some(strong(K::AgeOver89));
    }
    if let Some(h) = date_hint(k) {
        return Some(h);
    }

    // --- Names ----------------------------------------------------------------------------------
    if let Some(h) = name_hint(k) {
        return Some(h);
    }

    // A person's role as the whole key (`"doctor": "Dr. Ana Lima"`): a name if it looks like one.
    if k.is(PERSON_KEYS) {
        return Some(weak(K::Person));
    }

    // --- Identifier-shaped but ambiguous -----------------------------------------------------------
    // `account_number`, `acct_no`: a bank account; `account_id` alone is often a tenant id.
    if k.has_any("account acct acc") {
        if k.has_any("type status name holder owner kind class opened balance limit") {
            return Some(Hint::NotIdentifier);
        }
        if k.has_any("number num no nbr nr")
            || k.is("account acct bankaccount checkingaccount savingsaccount dda")
            || k.has_any("bank checking savings deposit dda loan iban")
        {
            return Some(strong(K::BankAccount));
        }
        if k.has_any("id") {
            return Some(weak(K::BankAccount));
        }
    }
    if k.is("loannumber loanno loanid mortgagenumber depositaccount") {
        return Some(weak(K::BankAccount));
    }

    // --- Free text and non-identifiers -------------------------------------------------------------
    if k.has_any(
        "note notes comment comments description desc body message messages msg narrative summary \
        remarks remark memo details history hpi assessment impression findings content \
        transcript div complaint instructions feedback review bio biography story reason \
        explanation justification observations",
    ) {
        return Some(Hint::FreeText);
    }
    const MEASURES: &str =
        "amount amt total subtotal charge charges price cost fee fees balance income salary wage \
        wages revenue limit qty quantity count units size bytes length width height weight bmi \
        score rate ratio pct percent percentage apr apy term duration months years days hours \
        minutes seconds ms version status priority severity level rank index idx seq sequence \
        page position code codes icd icd10 icd9 cpt hcpcs ndc loinc snomed rxnorm mcc naics sic \
        currency type kind category class gender sex lat lng lon latitude longitude temperature \
        temp pulse bp systolic diastolic glucose dose dosage strength frequency route sku upc \
        ean isbn hash checksum sha md5 etag uuid guid id ids ref reference year month day hour \
        minute mileage odometer room bed floor channel state country language unit line number \
        state tags tag";
    if listed(MEASURES, k.last()) || listed(MEASURES, c) || k.has_any(MEASURES_ANY) {
        return Some(Hint::NotIdentifier);
    }
    // Names of organizations and things, and technical strings.
    if k.has_any(
        "employer company merchant organization organisation vendor payer payor insurer carrier \
        manufacturer brand make model product filename",
    ) || k.is("useragent ua mimetype contenttype filename extension locale make")
    {
        return Some(Hint::NotIdentifier);
    }
    None
}

/// Words that make any key a measure (`amount_minor`, `total_due`, `heart_rate_bpm`).
const MEASURES_ANY: &str =
    "amount amt total subtotal price cost fee fees balance income salary charge charges \
        qty quantity count score rate percent percentage pct apr apy bytes";

/// Dates of a person's life and records (`dob`, `admissionDate`, `date_of_service`,
/// `effectiveDateTime`) are strong; other date-named keys (`timestamp`, `date`) are weak;
/// record metadata (`createdAt`, `lastUpdated`) is not about a person.
fn date_hint(k: &KeyWords) -> Option<Hint> {
    const METADATA: &str =
        "created creation updated modified lastupdated lastmodified inserted ingested imported \
        exported processed generated synced sync indexed published deleted archived expires \
        expiry expiration version build released run job batch cache etl loaded received sent \
        fetched scheduled last valid until ttl retention purge snapshot refreshed crawled logged";
    let date_word = k.has_any("date dt datetime timestamp ts time day when")
        || listed("on at", k.last()) && k.words.len() > 1
        || k.contains("date")
        || k.is("dob dod dos bday birthday born died deceased");
    if !date_word {
        return None;
    }
    if k.has_any("place city country state sex weight order name count zone")
        || k.is("timezone tz datetimeformat dateformat")
    {
        return Some(Hint::NotIdentifier);
    }
    if k.has_any(METADATA) || k.contains("lastupdated") || k.contains("lastmodified") {
        return Some(Hint::Metadata);
    }
    const EVENTS: &str =
        "birth dob bday birthday born death dod died deceased admission admit admitted discharge \
        discharged service dos visit encounter appointment appt procedure surgery operation \
        collection collected specimen onset abatement diagnosis diagnosed vaccination \
        immunization injury accident incident loss hire hired termination terminated marriage \
        transaction txn purchase payment posted posting settlement settled authorization auth \
        deposit withdrawal transfer application applied signature signed effective performed \
        occurrence recorded issued authored asserted observation observed test exam scan \
        delivery pregnancy lmp edd conception treatment prescription rx dispense dispensed \
        filled refill claim enrollment enrolled coverage employment start end arrival departure \
        checkin checkout booking travel flight order shipped login activity event";
    if k.has_any(EVENTS) || k.is("dob dod dos") {
        return Some(strong(K::Date));
    }
    Some(weak(K::Date))
}

/// Keys naming a person's name (`firstName`, `patient_name`, `cardholder`, `nameOnCard`).
fn name_hint(k: &KeyWords) -> Option<Hint> {
    if k.is("firstname lastname fullname givenname familyname middlename surname forename fname lname \
        mname firstnm lastnm maidenname mothersmaidenname nickname legalname preferredname \
        displayname nameoncard cardholder cardholdername accountholder accountholdername \
        accountname policyholder policyholdername nextofkin emergencycontact \
        emergencycontactname signedby signature attendingphysician referringphysician \
        primarycarephysician pcp guardian guarantor spouse spousename mothername fathername \
        employeename insuredname beneficiaryname patient authorname recipientname sendername \
        payeename username contactname customername clientname membername subscribername \
        patientname holdername ownername physicianname doctorname providername practitionername \
        nursename surgeonname witnessname applicantname borrowername coborrowername cosignername \
        debtorname claimantname decedentname tenantname drivername studentname parentname \
        guardianname caregivername relativename kinname personname individualname callername \
        reportername requestername assigneename agentname signername")
    {
        return Some(strong(K::Person));
    }
    let named = k.has_any("name names") || k.contains("name") && k.words.len() == 1;
    if !named {
        return None;
    }
    if k.has_any("street road") {
        return Some(strong(K::StreetAddress));
    }
    if k.has_any("city town") {
        return Some(strong(K::City));
    }
    if k.has_any("file host user screen display") && k.words.len() == 2 {
        // `filename`, `hostname`: things; `user_name`, `screen_name`: handles, which identify.
        return if k.has_any("user screen display") { Some(strong(K::Person)) } else { None };
    }
    let others: Vec<&str> =
        k.words.iter().map(String::as_str).filter(|w| !matches!(*w, "name" | "names" | "nm")).collect();
    if others.is_empty() {
        return None; // a bare `name`: its parent decides
    }
    if others.iter().any(|w| NOT_PERSON_CONTEXT.contains(w)) {
        return Some(Hint::NotIdentifier);
    }
    if others.iter().any(|w| PERSON_ROLES.contains(w)) {
        return Some(strong(K::Person));
    }
    None
}

/// Identifier types named by a typing sibling or an identifier system: FHIR/HL7 v2 table 0203
/// codes (`MR`, `SS`, `DL`…), system URIs (`…/sid/us-ssn`, OIDs) and free words
/// (`drivers_license`, `Medical Record Number`).
fn type_name_hint(type_value: &str, cache: &mut KeyCache) -> Option<EntityKind> {
    let t = type_value.trim();
    let upper = t.to_ascii_uppercase();
    let code = match upper.as_str() {
        "MR" | "MRN" | "PI" | "PT" | "MRT" | "PN" => Some(K::Mrn),
        "SS" | "SSN" | "SB" | "TAX" | "TIN" | "NI" | "NNUS" | "ITIN" => Some(K::Ssn),
        "DL" | "DLN" => Some(K::DriverLicense),
        "PPN" | "PASSPORT" => Some(K::Passport),
        "MB" | "MC" | "MA" | "SN" | "MBI" | "HICN" | "MCN" | "MCD" | "MCR" => Some(K::HealthPlanId),
        "NPI" | "PRN" => Some(K::Npi),
        "DEA" | "DN" => Some(K::DeaNumber),
        "BA" | "BANK" | "ACCT" => Some(K::BankAccount),
        "BC" | "PAN" => Some(K::CreditCard),
        "VIN" => Some(K::Vin),
        "UDI" | "SNO" => Some(K::DeviceId),
        "PHONE" | "FAX" | "SMS" | "PAGER" | "MOBILE" | "CELL" | "TEL" | "HOME" | "WORK" => Some(K::Phone),
        "EMAIL" | "E-MAIL" | "MAIL" => Some(K::Email),
        "URL" | "WEB" | "WEBSITE" => Some(K::Url),
        _ => None,
    };
    if code.is_some() {
        return code;
    }
    // OIDs of US identifier systems (HL7 OID registry).
    let oid = t.trim_start_matches("urn:oid:");
    if oid == "2.16.840.1.113883.4.1" {
        return Some(K::Ssn);
    }
    if oid == "2.16.840.1.113883.4.6" {
        return Some(K::Npi);
    }
    if oid.starts_with("2.16.840.1.113883.4.3.") {
        return Some(K::DriverLicense);
    }
    if oid.starts_with("2.16.840.1.113883.4.330.") {
        return Some(K::Passport);
    }
    if oid == "2.16.840.1.113883.4.927" {
        return Some(K::HealthPlanId);
    }
    // A URI: its last path segment (`http://hl7.org/fhir/sid/us-ssn` → `us-ssn`).
    let tail = if t.contains("://") || t.starts_with("urn:") {
        t.rsplit(['/', ':', '#']).find(|s| !s.is_empty()).unwrap_or("")
    } else {
        t
    };
    if tail.len() > 64 {
        return None;
    }
    match cache.words(tail).hint {
        Some(Hint::Entity { kind, .. }) => Some(kind),
        _ => None,
    }
}

/// Keys naming a namespace or a schema, whose URIs are not about a person.
const NAMESPACES: &str = "system profile profiles schema namespace canonical definition codesystem valueset \
        conformsto instantiates instantiatescanonical";

/// Parents whose `start`/`end` are dates of a person's life or care.
const PERIODS: &str = "period stay admission visit encounter episode appointment coverage service effective \
        hospitalization treatment employment residence enrollment dates interval";

/// Keys whose meaning comes from their surroundings.
const GENERIC: &str = "value val number num no text display id identifier raw formatted original data full \
        digits string str v content label";

/// Everything known about a leaf from its path and its siblings.
pub(crate) struct LeafContext<'a> {
    /// The path from the root to the leaf (the leaf's own segment last).
    pub path: &'a [Seg<'a>],
    /// The object holding the leaf, if it is a member of an object.
    pub siblings: Option<&'a Map<String, Value>>,
}

/// The hint for a leaf from its key, its typing siblings and its ancestors.
pub(crate) fn leaf_hint(ctx: &LeafContext<'_>, cache: &mut KeyCache) -> Hint {
    // The nearest key (array elements take their array's key: `given[0]` is a given name).
    let Some((pos, key)) = ctx.path.iter().enumerate().rev().find_map(|(i, s)| s.key().map(|k| (i, k)))
    else {
        return Hint::Unknown;
    };
    let own_key_is_leaf = pos + 1 == ctx.path.len();
    let ancestors: Vec<&str> = ctx.path.iter().take(pos).rev().filter_map(|s| s.key()).collect();
    let kw = cache.words(key);
    let lower = kw.compact.clone();

    // Namespaces and schemas: FHIR `system`, `profile`, an extension's `url`, JSON `$schema`.
    if own_key_is_leaf
        && (kw.namespace
            || (lower == "url"
                && (ancestors.first().is_some_and(|a| cache.words(a).extension)
                    || ctx.siblings.is_some_and(|m| m.keys().any(|k| k.starts_with("value"))))))
    {
        return Hint::Namespace;
    }

    // A sibling naming the type or system of this value.
    if own_key_is_leaf && (kw.generic || lower.starts_with("value")) {
        if let Some(h) = sibling_hint(ctx.siblings, &lower, &ancestors, cache) {
            return h;
        }
    }

    // FHIR HumanName parts and name objects: `name[].given[]`, `name.text`, `{"name": {"first": …}}`.
    let parent = ancestors.first().map(|a| cache.words(a).compact.clone()).unwrap_or_default();
    let in_name = ancestors.first().is_some_and(|a| cache.words(a).name_like);
    if in_name {
        let org = ancestors.iter().skip(1).take(2).any(|a| cache.words(a).not_person);
        match lower.as_str() {
            "given" | "family" | "text" | "first" | "last" | "middle" | "full" | "firstname" | "lastname"
            | "fullname" | "givenname" | "familyname" | "display" | "value" | "formatted" | "surname"
            | "forename" | "maiden" | "nick" | "legal" | "preferred" => {
                return if org { Hint::Unknown } else { strong(K::Person) };
            }
            "prefix" | "suffix" | "use" | "period" | "start" | "end" | "type" => return Hint::NotIdentifier,
            _ => {}
        }
    }

    // Generic keys: the parent's meaning.
    let in_address = |cache: &mut KeyCache| ancestors.iter().take(2).any(|a| cache.words(a).address_like);
    match lower.as_str() {
        "name" | "names" | "nm" | "display" | "displayname" => {
            return person_from_context(ctx, &ancestors, cache);
        }
        "text" => {
            if in_address(cache) {
                return strong(K::StreetAddress);
            }
            // A `text` field is free text unless its parent names an identifier.
            return inherited(&ancestors, cache).unwrap_or(Hint::FreeText);
        }
        "line" | "lines" => {
            // `line` under an address is a street line; under a claim it is a line number.
            return if in_address(cache) { strong(K::StreetAddress) } else { Hint::NotIdentifier };
        }
        "district" | "area" if in_address(cache) => return strong(K::City),
        "start" | "end" | "begin" | "from" | "to" | "low" | "high" | "date" | "datetime" | "time"
            if ancestors.first().is_some_and(|a| cache.words(a).period_like) =>
        {
            return strong(K::Date);
        }
        "day" | "month" => {
            if let Some(Hint::Entity { kind: K::Date, .. }) = inherited(&ancestors, cache) {
                return strong(K::Date);
            }
        }
        _ => {}
    }

    if let Some(h) = kw.hint {
        // A name-like key under an organization (`merchant.display_name`) is the org's.
        if let Hint::Entity { kind: K::Person, .. } = h {
            if ancestors.first().is_some_and(|a| cache.words(a).not_person)
                && !kw.person_role
                && !in_person_role(&kw)
            {
                return Hint::NotIdentifier;
            }
        }
        if !(h == Hint::NotIdentifier && kw.generic) {
            return h;
        }
    }
    if kw.generic || lower.starts_with("value") || parent == "identifier" {
        if let Some(h) = inherited(&ancestors, cache) {
            return h;
        }
        if lower == "id" {
            return Hint::NotIdentifier;
        }
    }
    Hint::Unknown
}

fn in_person_role(k: &KeyWords) -> bool {
    k.has_any("first last given family middle full maiden legal")
}

/// The entity kind an ancestor names (`/ssn/value`, `/phone/number`), looking up to three keys up.
fn inherited(ancestors: &[&str], cache: &mut KeyCache) -> Option<Hint> {
    for a in ancestors.iter().take(3) {
        let k = cache.words(a);
        if k.generic || k.compact.is_empty() {
            continue;
        }
        return match k.hint {
            Some(h @ Hint::Entity { .. }) => Some(h),
            _ => None,
        };
    }
    None
}

/// A bare `name`/`display`: a person's name when the parent is a person role, not when it is an
/// organization or a thing; otherwise a name only if the value looks like one (weak).
fn person_from_context(ctx: &LeafContext<'_>, ancestors: &[&str], cache: &mut KeyCache) -> Hint {
    if let Some(sib) = ctx.siblings {
        if let Some(Value::String(rt)) = sib.get("resourceType") {
            return match rt.as_str() {
                "Patient" | "Practitioner" | "RelatedPerson" | "Person" => strong(K::Person),
                _ => Hint::NotIdentifier,
            };
        }
    }
    for a in ancestors.iter().take(2) {
        let k = cache.words(a);
        if k.compact.is_empty() || matches!(k.compact.as_str(), "data" | "info" | "details" | "attributes") {
            continue;
        }
        if k.not_person {
            // `billing_provider`, `merchant`, `plan`: an organization or a thing. A provider may
            // still be a person: let the value decide.
            return if k.has_any("provider") { weak(K::Person) } else { Hint::NotIdentifier };
        }
        if k.person_role {
            return if k.has_any("provider account agent author") {
                weak(K::Person)
            } else {
                strong(K::Person)
            };
        }
        break;
    }
    weak(K::Person)
}

/// A typing sibling: `{"system": "phone", "value": …}`, `{"type": {"text": "MR"}, "value": …}`,
/// `{"url": ".../age-at-observation", "valueInteger": 97}`, `{"type": "drivers_license", "number": …}`.
fn sibling_hint(
    siblings: Option<&Map<String, Value>>,
    own: &str,
    ancestors: &[&str],
    cache: &mut KeyCache,
) -> Option<Hint> {
    let sib = siblings?;
    // FHIR extension: the url names the value.
    if own.starts_with("value") {
        if let Some(Value::String(url)) = sib.get("url") {
            let tail = url.rsplit(['/', ':', '#']).find(|s| !s.is_empty()).unwrap_or("");
            if tail.len() <= 64 {
                if let Some(h @ Hint::Entity { .. }) = cache.words(tail).hint {
                    return Some(h);
                }
            }
        }
    }
    let mut found = None;
    let mut typed = false;
    for field in ["system", "type", "kind", "idType", "id_type", "documentType", "document_type", "label"] {
        let Some(v) = sib.get(field) else { continue };
        typed = true;
        let text = match v {
            Value::String(s) => Some(s.as_str()),
            Value::Object(o) => o.get("text").and_then(Value::as_str).or_else(|| {
                o.get("coding")
                    .and_then(Value::as_array)
                    .and_then(|a| a.first())
                    .and_then(|c| c.get("code"))
                    .and_then(Value::as_str)
            }),
            _ => None,
        };
        if let Some(kind) = text.and_then(|t| type_name_hint(t, cache)) {
            found = Some(kind);
            break;
        }
    }
    if let Some(kind) = found {
        return Some(strong(kind));
    }
    // An identifier of unknown type under a person resource or role is still an identifier of
    // that person (Safe Harbor R): a patient's becomes MRN, a practitioner's NPI.
    if typed && ancestors.first().is_some_and(|a| *a == "identifier" || *a == "identifiers") {
        let owner = sib_owner_kind(ancestors, cache);
        if let Some(kind) = owner {
            return Some(weak(kind));
        }
    }
    None
}

fn sib_owner_kind(ancestors: &[&str], cache: &mut KeyCache) -> Option<EntityKind> {
    for a in ancestors.iter().skip(1).take(2) {
        let k = cache.words(a);
        if k.has_any("patient subject member beneficiary person") {
            return Some(K::Mrn);
        }
        if k.has_any("practitioner individual provider performer physician") {
            return Some(K::Npi);
        }
    }
    None
}

/// Words that mark an organization's name in a value (`Harborview Internal Medicine`, `Acme LLC`).
const ORG_WORDS: &str = "inc llc ltd llp plc corp corporation co company group associates partners clinic \
        hospital medical medicine health healthcare center centre labs laboratory laboratories \
        pharmacy services service solutions systems bank trust university college school \
        institute foundation practice care physicians dental surgery surgical imaging radiology \
        pediatrics orthopedics therapy rehab rehabilitation hmo ppo plan insurance mutual \
        holdings international enterprises industries gmbh ag sa bv nv & and of the department \
        dept county city state office agency network alliance association society church store \
        market shop restaurant cafe hotel airlines motors energy capital financial credit union \
        express global technologies technology tech software consulting medical family internal \
        urgent community regional memorial general specialists";

/// Single words that name a role or a thing, not a person.
const NOT_A_NAME: &str =
    "customer agent admin administrator system test default primary secondary home work \
        mobile self user guest anonymous support team bot staff patient doctor nurse unknown \
        other none owner member manager operator official usual temp old nickname maiden spouse \
        child parent emergency";

fn looks_like_person_name(v: &str) -> bool {
    let t = v.trim();
    if t.len() < 2 || t.len() > 80 {
        return false;
    }
    if t.chars().any(|c| !(c.is_alphabetic() || matches!(c, ' ' | '-' | '\'' | '.' | ',' | '’'))) {
        return false;
    }
    let tokens: Vec<&str> = t.split([' ', ',']).filter(|w| !w.is_empty()).collect();
    if tokens.is_empty() || tokens.len() > 5 {
        return false;
    }
    if tokens.iter().any(|w| {
        let lw = w.trim_matches('.').to_lowercase();
        listed(ORG_WORDS, &lw) || (w.len() > 3 && w.trim_end_matches('.').contains('.'))
    }) {
        return false;
    }
    // A single word under an unknown parent is more often a label than a name.
    if tokens.len() < 2 || tokens.iter().all(|w| listed(NOT_A_NAME, &w.to_lowercase())) {
        return false;
    }
    let all_upper = !t.chars().any(char::is_lowercase);
    all_upper || tokens.iter().all(|w| w.chars().next().is_some_and(|c| c.is_uppercase()))
}

/// Counts the digits of a value.
fn digits(v: &str) -> usize {
    v.chars().filter(char::is_ascii_digit).count()
}

fn only(v: &str, allowed: impl Fn(char) -> bool) -> bool {
    v.chars().all(allowed)
}

fn sep(c: char) -> bool {
    matches!(c, ' ' | '-' | '.' | '/' | '(' | ')' | '+' | '_' | ':' | '\u{a0}')
}

/// Whether `value` has the shape of `kind`, given how sure the field name is.
pub(crate) fn plausible(kind: EntityKind, value: &str, strong: bool) -> bool {
    let v = value.trim();
    if placeholder(v) || v.len() > 512 {
        return false;
    }
    let d = digits(v);
    let alnum = v.chars().filter(|c| c.is_alphanumeric()).count();
    let letters = v.chars().filter(|c| c.is_alphabetic()).count();
    match kind {
        K::Person => {
            letters >= 1
                && d == 0
                && if strong { v.split_whitespace().count() <= 8 } else { looks_like_person_name(v) }
        }
        K::Email => v.contains('@') || v.to_ascii_lowercase().contains(" at "),
        K::Phone => (7..=20).contains(&d) && letters <= 6,
        K::Ssn => matches!(d, 4 | 9) && letters == 0 && only(v, |c| c.is_ascii_digit() || sep(c)),
        K::CreditCard => (12..=19).contains(&d) && only(v, |c| c.is_ascii_digit() || sep(c)),
        K::CardCvv => (3..=4).contains(&d) && d == alnum,
        K::CardPin => (4..=16).contains(&alnum) && only(v, |c| c.is_ascii_hexdigit() || sep(c)),
        K::CardExpiry => (3..=8).contains(&d) && letters <= 9 && (strong || d == alnum),
        K::CardTrack => alnum >= 6,
        K::Iban => (15..=34).contains(&alnum) && d >= 2 && letters >= 2,
        K::SwiftBic => matches!(alnum, 8 | 11) && letters >= 6,
        K::RoutingNumber => (6..=11).contains(&d) && letters == 0,
        K::BankAccount => {
            (4..=34).contains(&alnum) && d >= 4 && (strong || (d * 10 >= alnum * 7 && !v.contains(' ')))
        }
        K::IpAddress => d >= 2 && (v.contains('.') || v.contains(':')),
        K::MacAddress => alnum >= 12 && only(v, |c| c.is_ascii_hexdigit() || matches!(c, ':' | '-' | '.')),
        K::Url => v.contains('.') || v.contains("://") || v.starts_with("data:"),
        K::Date => parse_date(v, None).is_some() || epoch(v),
        K::AgeOver89 => age_value(v).is_some_and(|a| (90..=150).contains(&a)),
        K::StreetAddress => letters >= 2 && (strong || d >= 1),
        K::City => letters >= 2 && d == 0,
        K::Zip => {
            (3..=10).contains(&alnum)
                && (d >= 3 || (d >= 1 && letters >= 1))
                && v.split_whitespace().count() <= 2
        }
        K::Npi => d == 10 || (strong && (6..=15).contains(&d)),
        K::Vin => d >= 1 && ((11..=17).contains(&alnum) || (strong && (4..=20).contains(&alnum))),
        K::ApiKey => alnum >= 4 && (strong || (alnum >= 16 && !v.contains(' '))),
        K::Mrn | K::HealthPlanId | K::DriverLicense | K::Passport | K::DeviceId | K::DeaNumber => {
            (3..=64).contains(&alnum)
                && d >= 1
                && (strong || d * 2 >= alnum)
                && v.split_whitespace().count() <= 3
        }
        #[allow(unreachable_patterns)] // kinds added to the catalog later
        _ => alnum >= 2,
    }
}

/// A Unix time in seconds or milliseconds between 1970 and 2100.
fn epoch(v: &str) -> bool {
    (v.len() == 10 || v.len() == 13) && v.chars().all(|c| c.is_ascii_digit())
}

/// The age in a value: `97`, `97.0`, `"97"`, `"97 years"`, `"97y"`.
pub(crate) fn age_value(v: &str) -> Option<u32> {
    let t = v.trim();
    let end = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    if end == 0 || end > 3 {
        return None;
    }
    let n: u32 = t.get(..end)?.parse().ok()?;
    let rest = t.get(end..)?.trim().trim_start_matches(".0").trim().to_ascii_lowercase();
    let unit_ok = rest.is_empty()
        || ["y", "yo", "y/o", "yr", "yrs", "year", "years", "years old", "-year-old", "year-old", "yoa"]
            .contains(&rest.as_str());
    unit_ok.then_some(n)
}

/// Key → words, cached: records repeat the same keys millions of times in a stream.
#[derive(Default)]
pub(crate) struct KeyCache {
    map: std::collections::HashMap<String, std::sync::Arc<KeyWords>>,
}

impl KeyCache {
    const MAX: usize = 4096;

    pub(crate) fn words(&mut self, key: &str) -> std::sync::Arc<KeyWords> {
        if let Some(k) = self.map.get(key) {
            return k.clone();
        }
        if self.map.len() >= Self::MAX {
            self.map.clear();
        }
        let k = std::sync::Arc::new(KeyWords::new(key));
        self.map.insert(key.to_owned(), k.clone());
        k
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_every_convention() {
        for (key, want) in [
            ("date_of_birth", "date of birth"),
            ("dateOfBirth", "date of birth"),
            ("DateOfBirth", "date of birth"),
            ("date-of-birth", "date of birth"),
            ("DOB", "dob"),
            ("SSNNumber", "ssn number"),
            ("line1", "line 1"),
            ("postalCode", "postal code"),
            ("e-mail", "e mail"),
            ("valueInteger", "value integer"),
            ("us-ssn", "us ssn"),
            ("IPAddress", "ip address"),
            ("cardCVV2", "card cvv 2"),
        ] {
            assert_eq!(words(key).join(" "), want, "{key}");
        }
    }

    fn hint_of(key: &str) -> Option<Hint> {
        key_hint(&KeyWords::new(key))
    }

    fn kind_of(key: &str) -> Option<EntityKind> {
        match hint_of(key) {
            Some(Hint::Entity { kind, .. }) => Some(kind),
            _ => None,
        }
    }

    #[test]
    fn key_names_of_each_kind() {
        let table: &[(EntityKind, &[&str])] = &[
            (K::Ssn, &["ssn", "SSN", "social_security_number", "socialSecurityNo", "ssn_last4", "taxId"]),
            (
                K::Date,
                &["dob", "DOB", "birthDate", "date_of_birth", "BirthDt", "admissionDate", "date_of_service"],
            ),
            (K::Person, &["firstName", "last_name", "fullName", "patientName", "PATIENT_NAME", "given-name"]),
            (K::Person, &["nameOnCard", "cardholder_name", "emergencyContactName", "mothers_maiden_name"]),
            (K::Mrn, &["mrn", "MRN", "medicalRecordNumber", "med_rec_no", "patient_id", "chartNumber"]),
            (K::Npi, &["npi", "NPI", "providerNpi", "rendering_npi"]),
            (K::Iban, &["iban", "IBAN", "payeeIban"]),
            (K::BankAccount, &["accountNumber", "account_number", "acct_no", "AcctNum", "bank_account"]),
            (K::RoutingNumber, &["routing", "routingNumber", "aba_routing_number", "ABA"]),
            (K::CreditCard, &["cardNumber", "pan", "PAN", "credit_card_number", "ccNumber"]),
            (K::CardCvv, &["cvv", "CVC", "cvv2", "card_security_code", "securityCode"]),
            (K::CardExpiry, &["cardExpiry", "valid_thru"]),
            (K::HealthPlanId, &["memberId", "subscriber_id", "policyNumber", "medicare_id", "mbi"]),
            (K::Email, &["email", "Email", "e-mail", "emailAddress", "contact_email"]),
            (K::Phone, &["phone", "phoneNumber", "fax", "mobile", "home_phone", "cellPhone", "tel"]),
            (K::StreetAddress, &["address", "street", "line1", "addressLine2", "street_address"]),
            (K::City, &["city", "City", "town", "birth_place"]),
            (K::Zip, &["zip", "zipCode", "postalCode", "postal_code", "postcode", "ZIP"]),
            (K::IpAddress, &["ip", "ipAddress", "client_ip", "IPv6"]),
            (K::Vin, &["vin", "VIN", "vehicle_identification_number", "licensePlate"]),
            (K::DeviceId, &["deviceId", "device_id", "serialNumber", "serial", "imei", "udi"]),
            (K::Passport, &["passport", "passportNumber", "passport_no"]),
            (K::DriverLicense, &["driversLicense", "driver_license_number", "dl_number", "licenseNumber"]),
            (K::AgeOver89, &["age", "patientAge", "age_at_death", "AgeYears"]),
            (K::ApiKey, &["password", "apiKey", "client_secret", "accessToken", "private_key"]),
            (K::DeaNumber, &["dea", "deaNumber"]),
        ];
        for (kind, keys) in table {
            for key in *keys {
                assert_eq!(kind_of(key), Some(*kind), "{key}");
            }
        }
    }

    #[test]
    fn non_identifier_keys() {
        for key in [
            "amount",
            "total_charge",
            "status",
            "icd10",
            "cpt",
            "currency",
            "id",
            "transaction_id",
            "claim_id",
            "size_bytes",
            "term_months",
            "model_year",
            "priority",
            "mcc",
            "score",
            "gender",
            "plan_name",
            "merchant_name",
            "file_name",
            "phone_verified",
            "has_ssn",
            "email_opt_in",
            "password_changed_at",
            "account_type",
            "createdAt",
            "updated_at",
            "timezone",
            "age_group",
        ] {
            assert!(
                matches!(hint_of(key), Some(Hint::NotIdentifier | Hint::Metadata) | None),
                "{key}: {:?}",
                hint_of(key)
            );
        }
        assert_eq!(hint_of("notes"), Some(Hint::FreeText));
        assert_eq!(hint_of("underwriter_notes"), Some(Hint::FreeText));
        assert_eq!(hint_of("createdAt"), Some(Hint::Metadata));
    }

    fn leaf(path: &[Seg<'_>], siblings: Option<&Map<String, Value>>) -> Hint {
        leaf_hint(&LeafContext { path, siblings }, &mut KeyCache::default())
    }

    fn obj(v: Value) -> Map<String, Value> {
        match v {
            Value::Object(m) => m,
            _ => unreachable!(),
        }
    }

    #[test]
    fn context_decides_generic_keys() {
        use Seg::{Index as I, Key as Kk};
        // FHIR HumanName.
        assert_eq!(leaf(&[Kk("name"), I(0), Kk("given"), I(0)], None), strong(K::Person));
        assert_eq!(leaf(&[Kk("name"), I(0), Kk("family")], None), strong(K::Person));
        assert_eq!(leaf(&[Kk("name"), I(0), Kk("prefix"), I(0)], None), Hint::NotIdentifier);
        assert_eq!(leaf(&[Kk("contact"), I(0), Kk("name"), Kk("text")], None), strong(K::Person));
        // Name by parent role.
        assert_eq!(leaf(&[Kk("requester"), Kk("name")], None), strong(K::Person));
        assert_eq!(leaf(&[Kk("merchant"), Kk("name")], None), Hint::NotIdentifier);
        assert_eq!(leaf(&[Kk("billing_provider"), Kk("name")], None), weak(K::Person));
        assert_eq!(leaf(&[Kk("individual"), Kk("display")], None), strong(K::Person));
        // Telecom and identifiers typed by a sibling.
        let tel = obj(serde_json::json!({"system": "phone", "value": "x"}));
        assert_eq!(leaf(&[Kk("telecom"), I(0), Kk("value")], Some(&tel)), strong(K::Phone));
        let mr = obj(serde_json::json!({"type": {"text": "MR"}, "value": "x"}));
        assert_eq!(leaf(&[Kk("identifier"), I(0), Kk("value")], Some(&mr)), strong(K::Mrn));
        let ssn = obj(serde_json::json!({"system": "http://hl7.org/fhir/sid/us-ssn", "value": "x"}));
        assert_eq!(leaf(&[Kk("identifier"), I(1), Kk("value")], Some(&ssn)), strong(K::Ssn));
        let oid = obj(serde_json::json!({"system": "urn:oid:2.16.840.1.113883.4.1", "value": "x"}));
        assert_eq!(leaf(&[Kk("identifier"), I(1), Kk("value")], Some(&oid)), strong(K::Ssn));
        let doc = obj(serde_json::json!({"type": "drivers_license", "number": "x"}));
        assert_eq!(leaf(&[Kk("identity_document"), Kk("number")], Some(&doc)), strong(K::DriverLicense));
        let ext = obj(serde_json::json!({"url": "http://x.org/age-at-observation", "valueInteger": 97}));
        assert_eq!(leaf(&[Kk("extension"), I(0), Kk("valueInteger")], Some(&ext)), strong(K::AgeOver89));
        // Inherited from an ancestor, and FHIR periods.
        assert_eq!(leaf(&[Kk("ssn"), Kk("value")], None), strong(K::Ssn));
        assert_eq!(leaf(&[Kk("period"), Kk("start")], None), strong(K::Date));
        assert_eq!(leaf(&[Kk("address"), I(0), Kk("line"), I(0)], None), strong(K::StreetAddress));
        assert_eq!(leaf(&[Kk("service_lines"), I(0), Kk("line")], None), Hint::NotIdentifier);
        assert_eq!(leaf(&[Kk("entry"), I(0), Kk("resource"), Kk("id")], None), Hint::NotIdentifier);
        // Plural parents, and roles as whole keys.
        assert_eq!(leaf(&[Kk("items"), I(0), Kk("name")], None), Hint::NotIdentifier);
        assert_eq!(leaf(&[Kk("medications"), I(0), Kk("name")], None), Hint::NotIdentifier);
        assert_eq!(leaf(&[Kk("visit"), Kk("doctor")], None), weak(K::Person));
        let org = obj(serde_json::json!({"resourceType": "Organization", "name": "x"}));
        assert_eq!(leaf(&[Kk("resource"), Kk("name")], Some(&org)), Hint::NotIdentifier);
    }

    #[test]
    fn plausibility_by_kind() {
        let yes: &[(EntityKind, &str, bool)] = &[
            (K::Person, "Ana", true),
            (K::Person, "Ruben Marshall", false),
            (K::Person, "QUINTANA, IRENE", false),
            (K::Zip, "02139", true),
            (K::Zip, "2139", true),
            (K::Zip, "SW1A 1AA", true),
            (K::Ssn, "123456789", true),
            (K::Ssn, "6789", true),
            (K::Phone, "(212) 555-0188 ext. 12", true),
            (K::AgeOver89, "97", true),
            (K::AgeOver89, "92 years", true),
            (K::Date, "1962-03-14", true),
            (K::Date, "1700000000", true),
            (K::BankAccount, "67121460", true),
            (K::CardCvv, "123", true),
            (K::DriverLicense, "C821-799-58-411-9", true),
            (K::DeviceId, "46:FF:A0:03:68:7D", true),
            (K::StreetAddress, "47924 Crawford Path Suite 771", true),
        ];
        for (kind, v, strong) in yes {
            assert!(plausible(*kind, v, *strong), "{kind} {v}");
        }
        let no: &[(EntityKind, &str, bool)] = &[
            (K::Person, "Harborview Internal Medicine", false),
            (K::Person, "statement.pdf", false),
            (K::Person, "customer", false),
            (K::Person, "R2-D2", true),
            (K::Zip, "n/a", true),
            (K::AgeOver89, "45", true),
            (K::AgeOver89, "1997", true),
            (K::Date, "1962", true),
            (K::Date, "unknown", true),
            (K::Ssn, "12345", true),
            (K::Phone, "12345", true),
            (K::CardCvv, "12345", true),
            (K::Email, "none", true),
            (K::City, "", true),
        ];
        for (kind, v, strong) in no {
            assert!(!plausible(*kind, v, *strong), "{kind} {v}");
        }
    }
}
