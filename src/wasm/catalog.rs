//! The entity catalog for JS: every kind's stable name with its categories and sensitivity
//! level, so an interface can colour or group findings without a copy of the table.

use super::to_plain;
use crate::{categories_of, level_of, Category, EntityKind, Level};
use serde::Serialize;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_CATALOG: &str = r#"
/** One kind of the entity catalog: its categories and level on their own, out of context (in a
 *  health record, PII is also PHI: `classify` says so per field). */
export interface EntityInfo { entity: EntityName; categories: Category[]; level: Level }
"#;

#[derive(Serialize)]
struct Entry {
    entity: &'static str,
    categories: &'static [Category],
    level: Level,
}

/// Every entity kind, in catalog order, with its categories and sensitivity level.
#[wasm_bindgen(js_name = entityCatalog, unchecked_return_type = "EntityInfo[]")]
pub fn entity_catalog() -> Result<JsValue, JsValue> {
    let entries: Vec<Entry> = EntityKind::ALL
        .iter()
        .map(|&kind| Entry { entity: kind.name(), categories: categories_of(kind), level: level_of(kind) })
        .collect();
    to_plain(&entries)
}
