// The grammar-aware mutator of both targets: half of the time infragen's token-level
// mutations of one file of the workspace, otherwise libFuzzer's byte mutations.

#[path = "../../tests/common/mutate.rs"]
mod mutate;

fuzz_mutator!(|data: &mut [u8], size: usize, max_size: usize, seed: u32| {
    let mut rng = mutate::Rng(u64::from(seed) | 1 << 40);
    if rng.below(2) == 0 {
        return fuzzer_mutate(data, size, max_size);
    }
    let Some(mut files) = infragen::fuzzing::decode(&data[..size]) else {
        return fuzzer_mutate(data, size, max_size);
    };
    let which = rng.below(files.len());
    files[which].1 = mutate::mutate(&files[which].1, &mut rng);
    let bytes = infragen::fuzzing::encode(&files);
    if bytes.len() > max_size {
        return fuzzer_mutate(data, size, max_size);
    }
    data[..bytes.len()].copy_from_slice(&bytes);
    bytes.len()
});
