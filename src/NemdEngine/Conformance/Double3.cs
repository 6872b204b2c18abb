using NemdEngine.Kernels;

namespace NemdEngine.Conformance;

/// <summary>A double-precision 3-vector for the host references (length Å, force eV/Å, ...).</summary>
public readonly record struct Double3(double X, double Y, double Z)
{
    public static readonly Double3 Zero = new(0, 0, 0);

    public static Double3 operator +(Double3 a, Double3 b) => new(a.X + b.X, a.Y + b.Y, a.Z + b.Z);
    public static Double3 operator -(Double3 a, Double3 b) => new(a.X - b.X, a.Y - b.Y, a.Z - b.Z);
    public static Double3 operator -(Double3 a) => new(-a.X, -a.Y, -a.Z);
    public static Double3 operator *(double s, Double3 a) => new(s * a.X, s * a.Y, s * a.Z);
    public static Double3 operator *(Double3 a, double s) => new(s * a.X, s * a.Y, s * a.Z);

    public double Dot(Double3 b) => X * b.X + Y * b.Y + Z * b.Z;
    public double LengthSquared => X * X + Y * Y + Z * Z;
    public double Length => Math.Sqrt(LengthSquared);
    public double this[int axis] => axis switch { 0 => X, 1 => Y, 2 => Z, _ => throw new ArgumentOutOfRangeException(nameof(axis)) };

    public static Double3 From(Vec3 v) => new(v.X, v.Y, v.Z);
    public Vec3 ToVec3() => new((float)X, (float)Y, (float)Z);
}
