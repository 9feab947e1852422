//! Keeps rules/README.md true: its schema example is a rule file that loads, and its fragments
//! (the optional keys, padded phrases) load when put into that file where they belong.

mod common;

use common::{code, planaudit, stderr};
use serde_yaml::Value;

fn yaml_blocks() -> Vec<Value> {
    include_str!("../rules/README.md")
        .split("```yaml\n")
        .skip(1)
        .map(|rest| rest.split("```").next().unwrap_or_default())
        .map(|block| serde_yaml::from_str(block).expect("a rules/README.md example is YAML"))
        .collect()
}

/// `planaudit rules check` on `file`, written out as YAML, and `rules test` of its examples.
fn assert_loads(file: &Value) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("local.yaml");
    std::fs::write(&path, serde_yaml::to_string(file).unwrap()).unwrap();
    for command in ["check", "test"] {
        let output = planaudit(&["rules", command, path.to_str().unwrap()]);
        let out = common::stdout(&output);
        assert_eq!(
            code(&output),
            0,
            "rules {command}: {out}{}",
            stderr(&output)
        );
    }
}

#[test]
fn schema_example_loads() {
    assert_loads(&yaml_blocks()[0]);
}

#[test]
fn optional_keys_and_padded_phrases_load_in_the_schema_example() {
    let blocks = yaml_blocks();
    let [schema, optional, padded, ..] = &blocks[..] else {
        panic!("rules/README.md lost an example");
    };
    let mut file = schema.clone();
    file["thresholds"] = optional["thresholds"].clone();
    let extra = &optional["items"][0];
    let item = &mut file["items"][0];
    for (name, value) in extra.as_mapping().unwrap() {
        if *name != "signals" {
            item[name] = value.clone();
        }
    }
    for (name, value) in extra["signals"].as_mapping().unwrap() {
        item["signals"][name] = value.clone();
    }
    let phrases = item["signals"]["phrases"].as_sequence_mut().unwrap();
    phrases.extend(padded["phrases"].as_sequence().unwrap().iter().cloned());
    assert_loads(&file);
}
