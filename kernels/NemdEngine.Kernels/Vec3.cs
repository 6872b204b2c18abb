namespace NemdEngine.Kernels;

/// <summary>A 3-vector of single-precision components (length unit of the run), usable on every backend.</summary>
public struct Vec3(float x, float y, float z)
{
    public float X = x;
    public float Y = y;
    public float Z = z;

    public static Vec3 operator +(Vec3 a, Vec3 b) => new(a.X + b.X, a.Y + b.Y, a.Z + b.Z);
    public static Vec3 operator -(Vec3 a, Vec3 b) => new(a.X - b.X, a.Y - b.Y, a.Z - b.Z);
    public static Vec3 operator *(float s, Vec3 a) => new(s * a.X, s * a.Y, s * a.Z);
    public readonly float LengthSquared => X * X + Y * Y + Z * Z;
    public readonly override string ToString() => $"({X}, {Y}, {Z})";
}
