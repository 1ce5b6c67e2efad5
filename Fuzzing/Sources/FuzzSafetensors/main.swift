import FuzzSupport

runFuzzer { data, size in data.map { fuzz($0, size) } ?? 0 }
