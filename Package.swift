// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "steer",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "steer", targets: ["steer"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        // SHA-256 (BoringSSL, with the CPU's SHA instructions) fingerprints the ledger prefix a snapshot stands for.
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
    ],
    targets: [
        // Pure core: ledger format, state machine, replay, queries, reports. No terminal, no clock.
        .target(name: "SteerCore", dependencies: ["CPrefetch", "CLineBytes", "CIDHash", .product(name: "Crypto", package: "swift-crypto")]),
        // One compiler builtin Swift does not expose: a prefetch hint for replay.
        .target(name: "CPrefetch"),
        // The keyed hash of task ids (AES rounds where the processor has them, else SipHash).
        .target(name: "CIDHash"),
        // The check every ledger line pays for, 16 bytes at a time (SSSE3 intrinsics), and the
        // width of a report's cells.
        .target(name: "CLineBytes"),
        // System ncursesw, found with pkg-config; Debian's libncursesw5-dev provides it.
        .systemLibrary(
            name: "CNcursesw",
            pkgConfig: "ncursesw",
            providers: [.apt(["libncursesw5-dev"])]
        ),
        .target(name: "SteerTUI", dependencies: ["SteerCore", "CNcursesw", "CTerminalSignals", "CTextSearch"]),
        // The screen's signal handlers and their state, once for the process (not per module).
        .target(name: "CTerminalSignals", linkerSettings: [.linkedLibrary("ncursesw")]),
        // A substring search 16 bytes at a time (SSE2 intrinsics), for a typed filter.
        .target(name: "CTextSearch"),
        // mimalloc from the system (Debian's libmimalloc-dev), which release builds of steer use
        // in place of glibc's malloc: see Sources/steer/Allocator.swift.
        .systemLibrary(name: "CMimalloc", providers: [.apt(["libmimalloc-dev"])]),
        .executableTarget(
            name: "steer",
            dependencies: [
                "SteerCore", "SteerTUI", "CMimalloc",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            // Debug builds (the tests', the sanitizers') keep glibc's allocator, which the
            // sanitizers replace with their own.
            swiftSettings: [.define("STEER_MIMALLOC", .when(platforms: [.linux], configuration: .release))]
        ),
        // Writes deterministic synthetic ledgers (and taskwarrior files) for the benchmarks.
        .executableTarget(
            name: "steer-gen",
            dependencies: ["SteerCore", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        // Times keys, live follow and durable appends in-process, for scripts/bench.sh.
        .executableTarget(
            name: "steer-bench",
            dependencies: ["SteerCore", "SteerTUI", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        // CIDHash: the SipHash the id hash falls back to is checked against the reference.
        .testTarget(name: "SteerCoreTests", dependencies: ["SteerCore", "CIDHash"], resources: []),
        // Snapshots live in Tests/SteerTUITests/__Snapshots__ and are read by path, not bundled.
        .testTarget(name: "SteerTUITests", dependencies: ["SteerTUI", "SteerCore", "CTextSearch"], exclude: ["__Snapshots__"]),
        // Faults injected into the journal, stale views, exports of hostile text, fuzz regressions.
        .testTarget(name: "SteerReliabilityTests", dependencies: ["SteerCore"]),
    ]
)
