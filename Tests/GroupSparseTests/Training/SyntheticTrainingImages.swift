import Foundation
@testable import GroupSparse

/// Small deterministic grey images for training tests: smooth shading, a few waves and a soft edge,
/// so that patches have structure a dictionary can learn.
enum SyntheticTrainingImages {
    static func image(size: Int, seed: UInt64) -> Image {
        var generator = SeededGenerator(seed: seed)
        let waves = (0..<3).map { _ in
            (frequencyX: 0.1 + 0.5 * generator.nextUniformDouble(), frequencyY: 0.1 + 0.5 * generator.nextUniformDouble(),
             phase: 6.28 * generator.nextUniformDouble(), amplitude: 0.05 + 0.1 * generator.nextUniformDouble())
        }
        let angle = 6.28 * generator.nextUniformDouble()
        let edgeOffset = Double(size) * (0.3 + 0.4 * generator.nextUniformDouble())
        var pixels = [Float](repeating: 0, count: size * size)
        for y in 0..<size {
            for x in 0..<size {
                var value = 0.3 + 0.2 * Double(x + y) / Double(2 * size)
                for wave in waves {
                    value += wave.amplitude * sin(wave.frequencyX * Double(x) + wave.frequencyY * Double(y) + wave.phase)
                }
                let distance = cos(angle) * Double(x) + sin(angle) * Double(y) - edgeOffset
                value += 0.25 / (1 + exp(-2 * distance))
                pixels[y * size + x] = Float(value)
            }
        }
        return Image(width: size, height: size, channels: 1, pixels: pixels)
    }

    /// The first `count` basis vectors of the 2-D DCT-II on `k x k` patches after the constant one,
    /// in order of increasing frequency, as orthonormal columns of a `k*k x count` matrix.
    static func dctDictionary(patchSize k: Int, atomCount count: Int) -> Matrix {
        let frequencies = (0..<k).flatMap { u in (0..<k).map { v in (u, v) } }
            .filter { $0 != (0, 0) }
            .sorted { ($0.0 + $0.1, $0.0) < ($1.0 + $1.1, $1.0) }
        precondition(frequencies.count >= count, "not enough DCT atoms")
        var dictionary = Matrix(rows: k * k, columns: count)
        func basis(_ frequency: Int, _ position: Int) -> Double {
            let scale = frequency == 0 ? (1 / Double(k)).squareRoot() : (2 / Double(k)).squareRoot()
            return scale * cos(Double.pi * (Double(position) + 0.5) * Double(frequency) / Double(k))
        }
        for (atom, (u, v)) in frequencies.prefix(count).enumerated() {
            for y in 0..<k {
                for x in 0..<k { dictionary[y * k + x, atom] = Float(basis(u, y) * basis(v, x)) }
            }
        }
        return dictionary
    }
}
