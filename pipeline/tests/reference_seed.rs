//! The shipped reference data reaches an existing warehouse when it changes: a corrected time zone
//! in a new release is in the warehouse after the next start, and an unchanged edition is not
//! written again.

use pipeline::model::Airport;
use pipeline::reference::Reference;
use pipeline::warehouse::{SqliteWarehouse, Warehouse};

fn shipped(fra_zone: chrono_tz::Tz) -> &'static Reference {
    let mut fra = Reference::embedded().airport("FRA").cloned().expect("FRA");
    fra.tz = fra_zone;
    let muc: Airport = Reference::embedded().airport("MUC").cloned().expect("MUC");
    Box::leak(Box::new(Reference::new(vec![fra, muc], Vec::new())))
}

#[tokio::test]
async fn a_changed_zone_in_the_shipped_data_reaches_an_existing_warehouse() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("warehouse.sqlite");
    let old = shipped(chrono_tz::Europe::Paris);
    let new = shipped(chrono_tz::Europe::Berlin);
    assert_ne!(old.edition(), new.edition());

    let w = SqliteWarehouse::open(&path).await.unwrap();
    w.migrate().await.unwrap();
    w.seed_reference(old).await.unwrap();
    assert_eq!(w.airport("FRA").await.unwrap().unwrap().tz, chrono_tz::Europe::Paris);
    drop(w);

    // The next start, with the corrected release.
    let w = SqliteWarehouse::open(&path).await.unwrap();
    w.migrate().await.unwrap();
    w.seed_reference(new).await.unwrap();
    assert_eq!(w.airport("FRA").await.unwrap().unwrap().tz, chrono_tz::Europe::Berlin, "the correction landed");

    // The same edition again writes nothing: a fetched correction of MUC stays.
    let mut muc = w.airport("MUC").await.unwrap().unwrap();
    muc.name = "Munich (as Lufthansa names it)".into();
    let batch = pipeline::warehouse::LoadBatch { airports: vec![muc], ..Default::default() };
    w.load(&batch).await.unwrap();
    w.seed_reference(new).await.unwrap();
    assert_eq!(w.airport("MUC").await.unwrap().unwrap().name, "Munich (as Lufthansa names it)");
}
