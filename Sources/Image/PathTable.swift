/// Every path the layers of an image name, interned once: an integer id per path with its parent, so the
/// filesystem replays run over arrays indexed by id instead of hashing whole paths again and again.
///
/// Id 0 is the root. Children are kept as a linked list (`firstChild`, `nextSibling`) so walking a subtree
/// allocates nothing. Names live in one byte arena, found through an open-addressing table keyed by
/// (parent, name) with FNV-1a: one short hash per path component, no string built to look one up.
struct PathTable {
    static let root: Int32 = 0

    private(set) var parent: [Int32] = [-1]
    private(set) var firstChild: [Int32] = [-1]
    private(set) var nextSibling: [Int32] = [-1]
    private var nameStart: [Int] = [0]
    private var nameLength: [Int] = [0]
    private var hashes: [UInt64] = [0]
    private var names: [UInt8] = []
    /// Ids by hash, -1 where empty; a power of two, at most half full.
    private var slots: [Int32]

    var count: Int { parent.count }

    init(capacity: Int = 0) {
        var size = 64
        while size < capacity * 2 { size *= 2 }
        slots = [Int32](repeating: -1, count: size)
        parent.reserveCapacity(capacity + 1)
        firstChild.reserveCapacity(capacity + 1)
        nextSibling.reserveCapacity(capacity + 1)
        nameStart.reserveCapacity(capacity + 1)
        nameLength.reserveCapacity(capacity + 1)
        hashes.reserveCapacity(capacity + 1)
        names.reserveCapacity(capacity * 16)
    }

    /// The id of `name` inside `parent`, created on first use.
    mutating func child(of parent: Int32, named name: Substring) -> Int32 {
        if let id = name.utf8.withContiguousStorageIfAvailable({ child(of: parent, bytes: $0) }) { return id }
        var copy = String(name)
        return copy.withUTF8 { child(of: parent, bytes: $0) }
    }

    /// The id of a slash-separated relative path (empty is the root), interning every component.
    mutating func intern(_ path: Substring) -> Int32 {
        if let id = path.utf8.withContiguousStorageIfAvailable({ intern(bytes: $0) }) { return id }
        var copy = String(path)
        return copy.withUTF8 { intern(bytes: $0) }
    }

    private mutating func intern(bytes: UnsafeBufferPointer<UInt8>) -> Int32 {
        var id = Self.root
        var start = 0
        for i in 0...bytes.count where i == bytes.count || bytes[i] == UInt8(ascii: "/") {
            if i > start { id = child(of: id, bytes: UnsafeBufferPointer(rebasing: bytes[start..<i])) }
            start = i + 1
        }
        return id
    }

    private mutating func child(of parent: Int32, bytes: UnsafeBufferPointer<UInt8>) -> Int32 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325 ^ UInt64(UInt32(bitPattern: parent))
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash ^ (hash >> 32)) & mask
        while true {
            let id = slots[slot]
            if id < 0 { break }
            let index = Int(id)
            if hashes[index] == hash, self.parent[index] == parent, nameLength[index] == bytes.count,
                names.withUnsafeBufferPointer({ stored in
                    memcmpEqual(UnsafeBufferPointer(rebasing: stored[nameStart[index]...]), bytes)
                })
            {
                return id
            }
            slot = (slot + 1) & mask
        }
        let id = Int32(self.parent.count)
        self.parent.append(parent)
        firstChild.append(-1)
        nextSibling.append(firstChild[Int(parent)])
        firstChild[Int(parent)] = id
        nameStart.append(names.count)
        nameLength.append(bytes.count)
        hashes.append(hash)
        names.append(contentsOf: bytes)
        slots[slot] = id
        if self.parent.count * 2 > slots.count { grow() }
        return id
    }

    private mutating func grow() {
        slots = [Int32](repeating: -1, count: slots.count * 2)
        let mask = slots.count - 1
        for id in 1..<parent.count {
            var slot = Int(truncatingIfNeeded: hashes[id] ^ (hashes[id] >> 32)) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(id)
        }
    }

    private func memcmpEqual(_ stored: UnsafeBufferPointer<UInt8>, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        for i in 0..<bytes.count where stored[i] != bytes[i] { return false }
        return true
    }
}
