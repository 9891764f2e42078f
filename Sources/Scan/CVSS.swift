import Foundation

/// CVSS v3.0/v3.1 base scores computed from vectors, by the formulas of the FIRST specification
/// (section 7), with its Roundup.
public enum CVSS {
    /// The base score of a `CVSS:3.x/AV:../AC:../PR:../UI:../S:../C:../I:../A:..` vector, or nil when the
    /// vector is not a complete v3 vector.
    public static func baseScore(_ vector: String) -> Double? {
        let parts = vector.split(separator: "/")
        guard let version = parts.first, version == "CVSS:3.0" || version == "CVSS:3.1" else { return nil }
        var metrics: [String: String] = [:]
        for part in parts.dropFirst() {
            let pair = part.split(separator: ":", maxSplits: 1)
            guard pair.count == 2 else { return nil }
            metrics[String(pair[0])] = String(pair[1])
        }
        let changed = metrics["S"] == "C"
        guard
            let av = ["N": 0.85, "A": 0.62, "L": 0.55, "P": 0.2][metrics["AV"] ?? ""],
            let ac = ["L": 0.77, "H": 0.44][metrics["AC"] ?? ""],
            let pr = (changed ? ["N": 0.85, "L": 0.68, "H": 0.5] : ["N": 0.85, "L": 0.62, "H": 0.27])[
                metrics["PR"] ?? ""],
            let ui = ["N": 0.85, "R": 0.62][metrics["UI"] ?? ""],
            ["U", "C"].contains(metrics["S"] ?? ""),
            let c = ["H": 0.56, "L": 0.22, "N": 0.0][metrics["C"] ?? ""],
            let i = ["H": 0.56, "L": 0.22, "N": 0.0][metrics["I"] ?? ""],
            let a = ["H": 0.56, "L": 0.22, "N": 0.0][metrics["A"] ?? ""]
        else { return nil }
        let iss = 1 - (1 - c) * (1 - i) * (1 - a)
        let impact = changed ? 7.52 * (iss - 0.029) - 3.25 * pow(iss - 0.02, 15) : 6.42 * iss
        let exploitability = 8.22 * av * ac * pr * ui
        if impact <= 0 { return 0 }
        return changed
            ? roundUp(min(1.08 * (impact + exploitability), 10)) : roundUp(min(impact + exploitability, 10))
    }

    /// The specification's Roundup: the smallest number with one decimal that is not below the input,
    /// computed on integers to avoid floating-point surprises.
    static func roundUp(_ value: Double) -> Double {
        let scaled = Int((value * 100_000).rounded())
        if scaled % 10_000 == 0 { return Double(scaled) / 100_000 }
        return (Double(scaled / 10_000) + 1) / 10
    }
}
