/// An opaque RGB colour with components on the [0, 1] scale.
public struct Colour: Sendable, Equatable {
    /// Red, green and blue.
    public var red, green, blue: Float

    /// Creates a colour from its components.
    public init(red: Float, green: Float, blue: Float) {
        self.red = red
        self.green = green
        self.blue = blue
    }

    /// Creates the colour written `0xRRGGBB`.
    public init(hex: UInt32) {
        self.init(red: Float((hex >> 16) & 0xFF) / 255, green: Float((hex >> 8) & 0xFF) / 255,
                  blue: Float(hex & 0xFF) / 255)
    }

    /// A grey of the given level.
    public init(grey level: Float) {
        self.init(red: level, green: level, blue: level)
    }

    /// The colour as SVG writes it, `#rrggbb`.
    public var svg: String {
        "#" + [red, green, blue].map { component in
            let level = Int((min(max(component, 0), 1) * 255).rounded())
            let digits = String(level, radix: 16)
            return digits.count == 1 ? "0" + digits : digits
        }.joined()
    }

    /// White.
    public static let white = Colour(grey: 1)
    /// Black.
    public static let black = Colour(grey: 0)
}
