// libFuzzer entry point for the ledger parser and replay. Built by Tests/fuzz/run.sh with the
// invariants the unit tests share, against a testable build of the core; not part of the package.

import Glibc

@_cdecl("LLVMFuzzerTestOneInput")
public func steerFuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let found = LedgerInvariants.violations(Array(UnsafeBufferPointer(start: data, count: size)))
    guard found.isEmpty else {
        for f in found { fputs("broken promise: \(f)\n", stderr) }
        // libFuzzer saves the input that made the process abort as a crash artifact.
        abort()
    }
    return 0
}
