/// The functions of a Go program (Go 1.18 and later, 64-bit little-endian ELF), read from its function
/// table: the `.gopclntab` section the runtime needs for stack traces, so it survives `-ldflags="-s -w"`,
/// which strips only the symbol table and the debug information. Each function's name and the bytes of its
/// machine code, found through the table's entry offsets in the `.text` section.
public struct GoFunctionTable: Sendable, Equatable {
    public struct Function: Sendable, Equatable {
        /// `main.main`, `fmt.Println`, `main.(*server).handle`.
        public var name: String
        /// The function's machine code, from its entry to the next function's.
        public var code: [UInt8]
    }

    public var functions: [Function]
    /// The source files the program was compiled from, as the toolchain named them (absolute paths, or
    /// module-relative ones under `-trimpath`).
    public var files: [String] = []

    /// The functions whose names start with `prefix` (`main.` for the main package's), in address order.
    public func functions(named prefix: String) -> [Function] {
        functions.filter { $0.name.hasPrefix(prefix) }
    }

    /// The table of a binary's bytes, or nil when it is not a 64-bit little-endian ELF with a Go 1.18+
    /// function table (an older Go, another format, or a file cut short).
    public static func parse(_ bytes: [UInt8]) -> GoFunctionTable? {
        let reader = LittleEndianReader(bytes: bytes)
        guard bytes.count > 64, bytes.starts(with: [0x7F, 0x45, 0x4C, 0x46]), bytes[4] == 2, bytes[5] == 1,
            let sections = sections(reader),
            let table = sections[".gopclntab"], let text = sections[".text"]
        else { return nil }
        guard let functions = functions(reader, table: table, text: text) else { return nil }
        return GoFunctionTable(functions: functions, files: files(reader, table: table))
    }

    /// The file table's names (the NUL-terminated strings between the header's file and PC table offsets).
    static func files(_ reader: LittleEndianReader, table: Section) -> [String] {
        guard let start = reader.int(at: table.offset + 48, width: 8),
            let end = reader.int(at: table.offset + 56, width: 8), start <= end, end <= table.size
        else { return [] }
        var files: [String] = []
        var position = table.offset + start
        while position < table.offset + end,
            let name = reader.cString(at: position, limit: table.offset + end)
        {
            if !name.isEmpty { files.append(name) }
            position += name.utf8.count + 1
        }
        return files
    }

    struct Section {
        var address: UInt64
        var offset: Int
        var size: Int
    }

    /// The ELF's sections by name, from its section header table.
    static func sections(_ reader: LittleEndianReader) -> [String: Section]? {
        guard let headerOffset = reader.int(at: 0x28, width: 8), let entrySize = reader.int(at: 0x3A, width: 2),
            let count = reader.int(at: 0x3C, width: 2), let namesIndex = reader.int(at: 0x3E, width: 2),
            entrySize >= 64, count > namesIndex
        else { return nil }
        func section(_ index: Int) -> (name: Int, Section)? {
            let base = headerOffset + index * entrySize
            guard let name = reader.int(at: base, width: 4), let address = reader.int(at: base + 16, width: 8),
                let offset = reader.int(at: base + 24, width: 8), let size = reader.int(at: base + 32, width: 8),
                offset >= 0, size >= 0, offset <= reader.bytes.count - size
            else { return nil }
            return (name, Section(address: UInt64(address), offset: offset, size: size))
        }
        guard let (_, names) = section(namesIndex) else { return nil }
        var result: [String: Section] = [:]
        for index in 0..<count {
            guard let (nameOffset, found) = section(index),
                let name = reader.cString(at: names.offset + nameOffset, limit: names.offset + names.size)
            else { continue }
            result[name] = found
        }
        return result
    }

    /// Reads the function table (runtime's `pcHeader` and `functab`) and each function's code.
    static func functions(_ reader: LittleEndianReader, table: Section, text: Section) -> [Function]? {
        let base = table.offset
        guard let magic = reader.int(at: base, width: 4), [0xFFFF_FFF0, 0xFFFF_FFF1].contains(magic),
            reader.bytes[base + 7] == 8,
            let count = reader.int(at: base + 8, width: 8),
            let textStart = reader.int(at: base + 24, width: 8),
            let namesOffset = reader.int(at: base + 32, width: 8),
            let entriesOffset = reader.int(at: base + 64, width: 8),
            count >= 0, count < 10_000_000
        else { return nil }
        let entries = base + entriesOffset
        let names = base + namesOffset
        let end = table.offset + table.size
        guard entries + (count + 1) * 8 <= end else { return nil }
        var functions: [Function] = []
        functions.reserveCapacity(count)
        for index in 0..<count {
            guard let entry = reader.int(at: entries + index * 8, width: 4),
                let record = reader.int(at: entries + index * 8 + 4, width: 4),
                let next = reader.int(at: entries + (index + 1) * 8, width: 4),
                let nameOffset = reader.int(at: entries + record + 4, width: 4),
                next >= entry,
                let name = reader.cString(at: names + nameOffset, limit: end)
            else { return nil }
            let address = UInt64(textStart) + UInt64(entry)
            guard address >= text.address, address - text.address + UInt64(next - entry) <= UInt64(text.size)
            else { return nil }
            let start = text.offset + Int(address - text.address)
            functions.append(Function(name: name, code: Array(reader.bytes[start..<(start + next - entry)])))
        }
        return functions
    }
}

/// Unsigned little-endian fields of a byte array, bounds-checked (nil past the end).
struct LittleEndianReader {
    let bytes: [UInt8]

    func int(at offset: Int, width: Int) -> Int? {
        guard offset >= 0, offset <= bytes.count - width else { return nil }
        var value: UInt64 = 0
        for index in (0..<width).reversed() { value = value << 8 | UInt64(bytes[offset + index]) }
        return value > UInt64(Int.max) ? nil : Int(value)
    }

    /// The NUL-terminated UTF-8 string at `offset`, which must end before `limit`.
    func cString(at offset: Int, limit: Int) -> String? {
        guard offset >= 0, offset < min(limit, bytes.count) else { return nil }
        var end = offset
        while end < min(limit, bytes.count), bytes[end] != 0 { end += 1 }
        guard end < min(limit, bytes.count) else { return nil }
        return String(decoding: bytes[offset..<end], as: UTF8.self)
    }
}
