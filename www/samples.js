// The sample inputs of the page. Every person, number and address here is invented: the numbers
// pass their checksums (Luhn, mod 97, ABA, NPI) so the detectors treat them as real, but they are
// published test values (card 4111 1111 1111 1111, IBAN DE89 3704 0044 0532 0130 00, NPI
// 1234567893), 555-01xx phone numbers, example.org/.com/.net mail and documentation IP ranges.

const json = (value) => JSON.stringify(value, null, 2);

/** @type {{ id: string, label: string, preset: string, text: string }[]} */
export const SAMPLES = [
  {
    id: "clinical-note",
    label: "Clinical note (discharge summary)",
    preset: "hipaa-safe-harbor",
    text: `DISCHARGE SUMMARY
Patient: Maria L. Gonzalez    DOB: 07/22/1958    MRN: 00482913
Phone: (212) 555-0147    Email: maria.gonzalez@example.org
Address: 48 Elm Street, Springfield, IL 62704
Attending: Dr. Samuel Okafor, NPI 1234567893

Admitted 03/02/2025 with community-acquired pneumonia (ICD-10 J18.9).
Vitals on admission: BP 138/86, HR 92, SpO2 94% on room air, T 38.4 C.
Labs: WBC 13.2 x10^9/L, CRP 48 mg/L, HbA1c 7.1%.
Treated with ceftriaxone 1 g IV daily and azithromycin 500 mg PO daily; afebrile after 48 hours.
Discharged 03/06/2025 on amoxicillin-clavulanate 875/125 mg BID for 5 days; continue metformin 500 mg BID.
Follow-up in clinic room 4B in 1 week. Her daughter, Ana Gonzalez (312-555-0199), will drive her home.
Patient portal login was from 192.0.2.44.`,
  },
  {
    id: "fhir-bundle",
    label: "FHIR-like patient bundle (JSON)",
    preset: "hipaa-safe-harbor",
    text: json({
      resourceType: "Bundle",
      type: "collection",
      entry: [
        {
          resource: {
            resourceType: "Patient",
            id: "pat-1",
            identifier: [{ system: "urn:example:mrn", value: "00482913" }],
            name: [{ family: "Gonzalez", given: ["Maria", "L."] }],
            gender: "female",
            birthDate: "1958-07-22",
            telecom: [
              { system: "phone", value: "(212) 555-0147" },
              { system: "email", value: "maria.gonzalez@example.org" },
            ],
            address: [{ line: ["48 Elm Street"], city: "Springfield", state: "IL", postalCode: "62704" }],
          },
        },
        {
          resource: {
            resourceType: "Practitioner",
            id: "pr-7",
            identifier: [{ system: "http://hl7.org/fhir/sid/us-npi", value: "1234567893" }],
            name: [{ family: "Okafor", given: ["Samuel"], prefix: ["Dr."] }],
          },
        },
        {
          resource: {
            resourceType: "Observation",
            status: "final",
            code: { coding: [{ system: "http://loinc.org", code: "4548-4", display: "Hemoglobin A1c" }] },
            subject: { reference: "Patient/pat-1" },
            effectiveDateTime: "2025-03-03",
            valueQuantity: { value: 7.1, unit: "%" },
          },
        },
        {
          resource: {
            resourceType: "MedicationRequest",
            status: "active",
            medicationCodeableConcept: { text: "metformin 500 mg tablet" },
            dosageInstruction: [{ text: "500 mg by mouth twice daily with meals" }],
            note: [{ text: "Patient asks that results go to maria.gonzalez@example.org or (212) 555-0147." }],
          },
        },
      ],
    }),
  },
  {
    id: "wire-request",
    label: "Bank wire request (e-mail)",
    preset: "default",
    text: `Subject: Outgoing wire, invoice INV-2025-0412

Hello Treasury team,

Please send USD 48,250.00 today from our operating account 000123456789 (routing 021000021)
to the beneficiary below:

  Beneficiary: Jonas Weber
  IBAN: DE89 3704 0044 0532 0130 00
  BIC: COBADEFFXXX
  Reference: INV-2025-0412, net 30, 2% early-payment discount applied

Authorized by Priya Raman (priya.raman@example.com, +1 646-555-0173).
Please confirm by phone before the 3:00 PM ET cut-off; the callback number on file is 646-555-0173.`,
  },
  {
    id: "card-dispute",
    label: "Card-dispute chat transcript",
    preset: "pci-dss",
    text: `[10:02] Agent: Thanks for contacting card services. How can I help?
[10:03] Customer: Hi, I'm Daniel Kim. There's a charge of $1,249.99 on 02/14 from ELECTROMART that I didn't make.
[10:03] Agent: I'm sorry to hear that. Which card is it on?
[10:04] Customer: Card number 4111 1111 1111 1111, expiry 09/27, CVV 123.
[10:04] Agent: Please never share the security code in chat. Can you confirm your e-mail and phone?
[10:05] Customer: dkim@example.net and 415-555-0132. I only shop online from 203.0.113.42 at home.
[10:06] Agent: I've opened dispute case 7731 for $1,249.99 and issued a provisional credit within 10 business days.`,
  },
  {
    id: "loan-application",
    label: "Loan application (JSON)",
    preset: "gdpr-pseudonymize",
    text: json({
      applicationId: "LN-2025-00317",
      product: "personal-loan",
      requestedAmount: 25000,
      termMonths: 60,
      purpose: "debt consolidation",
      applicant: {
        firstName: "Olivia",
        lastName: "Bennett",
        dateOfBirth: "1987-11-05",
        ssn: "512-44-3187",
        email: "olivia.bennett@example.com",
        phone: "+1 (303) 555-0186",
        address: { street: "1600 Maple Avenue", city: "Denver", state: "CO", zip: "80203" },
        employer: "Northwind Traders",
        annualIncome: 86500,
        creditScore: 712,
      },
      disbursement: { routingNumber: "122105155", accountNumber: "4401987723", accountType: "checking" },
      notes: "Applicant prefers e-mail; existing card 5555 5555 5555 4444 to be paid off from the loan.",
    }),
  },
];
