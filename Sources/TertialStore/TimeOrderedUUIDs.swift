import Foundation

/// Time-ordered (version 7, RFC 9562) UUIDs for rows written by the thousand: 48 bits of Unix
/// milliseconds, a 12-bit sequence and 62 random bits, all random bits from one read of the
/// system's random source.
///
/// Why not `UUID()`: Foundation's opens, reads and closes /dev/urandom for each one on Linux —
/// three system calls per value, a sixth of a large import. Why time-ordered: a primary key of
/// random UUIDs puts every new row on a random page of its index, so a large import reads and
/// writes the whole index over and over (PostgreSQL's shared buffers hold 128 MB by default);
/// keys that grow land on the index's last page (bench/RESULTS.md).
///
/// Within one generator the keys strictly increase: the sequence counts up within the start's
/// millisecond and carries into the next.
struct TimeOrderedUUIDs {
    private var random: [UInt8]
    private var offset = 0
    private let start: UInt64
    private var sequence: UInt64 = 0

    init(count: Int, now: Date = Date()) {
        start = UInt64(max(0, now.timeIntervalSince1970 * 1000))
        random = [UInt8](repeating: 0, count: 8 * max(count, 1))
        // /dev/urandom (the kernel's CSPRNG, what UUID() reads) once for the whole batch
        if let handle = FileHandle(forReadingAtPath: "/dev/urandom"),
           let data = try? handle.read(upToCount: random.count), data.count == random.count {
            random = [UInt8](data)
        } else {
            var generator = SystemRandomNumberGenerator()
            for i in random.indices { random[i] = UInt8.random(in: .min ... .max, using: &generator) }
        }
    }

    mutating func next() -> UUID {
        if offset + 8 > random.count {
            // More asked for than the batch was made for: one more batch' worth of random bits.
            var generator = SystemRandomNumberGenerator()
            random += (0..<random.count).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        }
        let milliseconds = start + sequence >> 12, counter = sequence & 0xFFF
        sequence += 1
        let r = random[offset..<offset + 8]
        offset += 8
        let i = r.startIndex
        return UUID(uuid: (UInt8(truncatingIfNeeded: milliseconds >> 40), UInt8(truncatingIfNeeded: milliseconds >> 32),
                           UInt8(truncatingIfNeeded: milliseconds >> 24), UInt8(truncatingIfNeeded: milliseconds >> 16),
                           UInt8(truncatingIfNeeded: milliseconds >> 8), UInt8(truncatingIfNeeded: milliseconds),
                           0x70 | UInt8(counter >> 8), UInt8(truncatingIfNeeded: counter),   // version 7, sequence
                           0x80 | (r[i] & 0x3F), r[i + 1], r[i + 2], r[i + 3],              // RFC variant, random
                           r[i + 4], r[i + 5], r[i + 6], r[i + 7]))
    }
}
