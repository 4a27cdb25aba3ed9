/// Lists of a board's rows kept in an order in which no two rows tie (ties between values are
/// broken by row or by id), brought up to date after some rows changed or were added, rather
/// than sorted again.
public enum SortedRows {
    /// `list` less the rows `dropped` says changed, with `inserted` (each changed or added row
    /// that belongs in the list, in any order) put where `precedes` places them. A pass over the
    /// list and a binary search per inserted row, in place of a sort of the whole list.
    public static func patched(_ list: [Int32], dropping dropped: (Int32) -> Bool, inserting inserted: [Int32],
                               by precedes: (Int32, Int32) -> Bool) -> [Int32] {
        let kept = list.filter { !dropped($0) }
        guard !inserted.isEmpty else { return kept }
        var out: [Int32] = []
        out.reserveCapacity(kept.count + inserted.count)
        var from = 0
        for row in inserted.sorted(by: precedes) {
            var low = from, high = kept.count
            while low < high {
                let mid = (low + high) / 2
                if precedes(kept[mid], row) { low = mid + 1 } else { high = mid }
            }
            out += kept[from ..< low]
            out.append(row)
            from = low
        }
        out += kept[from...]
        return out
    }
}
