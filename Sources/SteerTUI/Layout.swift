/// Where everything goes on a screen of a given size. `update` uses it to keep selections
/// visible and `view` to draw, so the two never disagree about how many rows a pane has.
///
///   row 0        title bar: ledger, day, who, read-only
///   row 1        the 2×2 totals and clarity
///   row 2        tab bar (tabs only)
///   body         one pane (tabs) or four panes 2×2 (tiles), or the detail view
///   row h-2      status: messages, errors, the line being typed
///   row h-1      the keys that work here
public struct Layout: Sendable {
    public let size: Size

    public init(_ size: Size) { self.size = size }

    /// Below this there is no room for a useful screen; a plain message is shown instead.
    public static let minimum = Size(width: 40, height: 10)
    /// From this size the four panes tile.
    public static let tiling = Size(width: 160, height: 40)

    public var tooSmall: Bool { size.width < Self.minimum.width || size.height < Self.minimum.height }
    public var tiled: Bool { size.width >= Self.tiling.width && size.height >= Self.tiling.height }

    public var statusRow: Int { size.height - 2 }
    public var keysRow: Int { size.height - 1 }

    /// The body of the screen: between the header (and tab bar) and the footer.
    public var body: Rect {
        let top = tiled ? 2 : 3
        return Rect(x: 0, y: top, width: size.width, height: max(0, size.height - 2 - top))
    }

    /// The detail view and the help take the body and the tab bar's row.
    public var page: Rect { Rect(x: 0, y: 2, width: size.width, height: max(0, size.height - 4)) }

    /// The frame of a pane: the whole body as a tab, or a quarter of it when tiled.
    public func frame(of pane: Pane) -> Rect {
        let b = body
        guard tiled else { return b }
        let leftWidth = b.width / 2
        let topHeight = b.height / 2
        let col = pane.rawValue % 2
        let row = pane.rawValue / 2
        return Rect(x: b.x + (col == 0 ? 0 : leftWidth), y: b.y + (row == 0 ? 0 : topHeight),
                    width: col == 0 ? leftWidth : b.width - leftWidth, height: row == 0 ? topHeight : b.height - topHeight)
    }

    /// Inside a pane's frame: a tiled pane has a border; its first content row holds headings.
    public func content(of pane: Pane) -> Rect {
        let f = frame(of: pane)
        return tiled ? Rect(x: f.x + 1, y: f.y + 1, width: max(0, f.width - 2), height: max(0, f.height - 2)) : f
    }

    /// Lines of a pane's list that fit under its column headings.
    public func listRows(_ pane: Pane) -> Int { max(1, content(of: pane).height - 1) }
}

public struct Rect: Hashable, Sendable {
    public var x, y, width, height: Int
    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x; self.y = y; self.width = width; self.height = height
    }

    public var maxY: Int { y + height }
}
