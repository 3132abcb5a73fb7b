//! Co-owned stack files. infragen owns the config keys it generates; everything else in a
//! `Pulumi.<stack>.yaml` belongs to the user and the Pulumi CLI: `secure:` values, the
//! `encryptionsalt` / `secretsprovider` / `encryptedkey` settings and keys added by hand. A
//! rebuild rewrites infragen's keys and keeps the others byte for byte (re-indented to the
//! file's two spaces). A generated key changed or removed by hand is still a conflict.

use std::collections::BTreeMap;

use super::manifest::hash;
use super::stack_text::{Entry, StackText};

/// Config key -> hash of its value as infragen wrote it.
pub type OwnedKeys = BTreeMap<String, String>;

/// Why a co-owned stack file cannot be rebuilt without `--force`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyConflict {
    /// A key infragen generated was given another value by hand.
    Edited(String),
    /// A key infragen generated was removed by hand.
    Removed(String),
    /// A key infragen now generates was already set, to another value, outside infragen.
    SetOutside(String),
    /// The file is not a stack file this reader understands.
    Unreadable(String),
}

/// The file to write and the keys infragen owns in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Merged {
    pub text: String,
    pub owned: OwnedKeys,
}

fn value_hash(entry: &Entry) -> String {
    hash(entry.canonical_value().unwrap_or_default().as_bytes())
}

/// The keys infragen owns in a stack file it generated.
pub fn owned_keys(generated: &str) -> OwnedKeys {
    StackText::parse(generated)
        .map(|s| {
            s.config
                .iter()
                .map(|e| (e.key.clone(), value_hash(e)))
                .collect()
        })
        .unwrap_or_default()
}

/// Merges the `generated` stack file into the one on `disk`; `before` are the keys infragen
/// owned when it last wrote the file. With `force`, generated keys win over hand edits.
pub fn merge(
    generated: &str,
    disk: &str,
    before: &OwnedKeys,
    force: bool,
) -> Result<Merged, Vec<KeyConflict>> {
    let fresh = StackText::parse(generated).map_err(|e| vec![KeyConflict::Unreadable(e)])?;
    let on_disk = match StackText::parse(disk) {
        Ok(s) => s,
        Err(_) if force => StackText::default(),
        Err(e) => return Err(vec![KeyConflict::Unreadable(e)]),
    };
    let owned = owned_keys(generated);
    let mut conflicts = Vec::new();
    for (key, recorded) in before {
        match on_disk.config_entry(key) {
            None => conflicts.push(KeyConflict::Removed(key.clone())),
            Some(e) if value_hash(e) != *recorded => {
                conflicts.push(KeyConflict::Edited(key.clone()))
            }
            Some(_) => {}
        }
    }
    for (key, value) in &owned {
        if before.contains_key(key) {
            continue;
        }
        if let Some(e) = on_disk.config_entry(key)
            && value_hash(e) != *value
        {
            conflicts.push(KeyConflict::SetOutside(key.clone()));
        }
    }
    if !conflicts.is_empty() && !force {
        return Err(conflicts);
    }
    let mut config = fresh.config;
    config.extend(
        on_disk
            .config
            .iter()
            .filter(|e| !owned.contains_key(&e.key) && !before.contains_key(&e.key))
            .cloned(),
    );
    let merged = StackText {
        header: fresh.header,
        top: on_disk.top.clone(),
        config,
    };
    // A file that already says the same (say, as `pulumi config set` re-wrote it) is left as it
    // is: only a change of meaning rewrites it in infragen's layout.
    let text = if same_meaning(&on_disk, &merged) {
        disk.to_string()
    } else {
        merged.render()
    };
    Ok(Merged { text, owned })
}

fn meaning(entries: &[Entry]) -> BTreeMap<&str, Option<String>> {
    entries
        .iter()
        .map(|e| (e.key.as_str(), e.canonical_value()))
        .collect()
}

fn same_meaning(a: &StackText, b: &StackText) -> bool {
    meaning(&a.top) == meaning(&b.top) && meaning(&a.config) == meaning(&b.config)
}

#[cfg(test)]
mod tests {
    use super::*;

    const GENERATED: &str = "# generated\nconfig:\n  p:level: 'debug'\n  p:suffix: '-dev'\n";

    #[test]
    fn user_keys_and_settings_survive_and_generated_keys_follow_the_source() {
        let before = owned_keys(GENERATED);
        let disk = "encryptionsalt: v1:salt==\nconfig:\n  p:level: debug\n  p:suffix: -dev\n  \
                    p:token:\n    secure: v1:abc==\n  p:mine: 'x'\n";
        let next = GENERATED.replace("'debug'", "'info'");
        let m = merge(&next, disk, &before, false).unwrap();
        assert_eq!(
            m.text,
            "# generated\nencryptionsalt: v1:salt==\nconfig:\n  p:level: 'info'\n  \
             p:mine: 'x'\n  p:suffix: '-dev'\n  p:token:\n    secure: v1:abc==\n"
        );
        let again = merge(&next, &m.text, &m.owned, false).unwrap();
        assert_eq!(again.text, m.text);
    }

    #[test]
    fn a_file_that_means_the_same_is_left_byte_for_byte() {
        let before = owned_keys(GENERATED);
        let disk = "encryptionsalt: v1:salt==\nconfig:\n    p:level: debug\n    p:suffix: -dev\n    \
                    p:token:\n        secure: v1:abc==\n";
        let m = merge(GENERATED, disk, &before, false).unwrap();
        assert_eq!(m.text, disk);
    }

    #[test]
    fn a_hand_edit_of_a_generated_key_is_refused_unless_forced() {
        let before = owned_keys(GENERATED);
        let disk = GENERATED.replace("'debug'", "'trace'");
        assert_eq!(
            merge(GENERATED, &disk, &before, false),
            Err(vec![KeyConflict::Edited("p:level".into())])
        );
        let forced = merge(GENERATED, &disk, &before, true).unwrap();
        assert_eq!(forced.text, GENERATED);
        let removed = GENERATED.replace("  p:level: 'debug'\n", "");
        assert_eq!(
            merge(GENERATED, &removed, &before, false),
            Err(vec![KeyConflict::Removed("p:level".into())])
        );
    }

    #[test]
    fn a_key_that_stops_being_generated_goes_and_a_user_key_stays() {
        let before = owned_keys(GENERATED);
        let disk = format!("{GENERATED}  p:mine: 'x'\n");
        let next = "# generated\nconfig:\n  p:level: 'debug'\n";
        let m = merge(next, &disk, &before, false).unwrap();
        assert_eq!(
            m.text,
            "# generated\nconfig:\n  p:level: 'debug'\n  p:mine: 'x'\n"
        );
    }

    #[test]
    fn a_key_set_outside_infragen_with_another_value_is_a_conflict() {
        let disk = "config:\n  p:level: 'trace'\n";
        assert_eq!(
            merge(GENERATED, disk, &OwnedKeys::new(), false),
            Err(vec![KeyConflict::SetOutside("p:level".into())])
        );
        let same = "encryptionsalt: s\nconfig:\n  p:level: debug\n";
        let m = merge(GENERATED, same, &OwnedKeys::new(), false).unwrap();
        assert!(
            m.text
                .starts_with("# generated\nencryptionsalt: s\nconfig:\n")
        );
    }
}
