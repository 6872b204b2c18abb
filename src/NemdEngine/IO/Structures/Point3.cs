namespace NemdEngine.IO.Structures;

/// <summary>A position in a structure file, in its length unit (Å for metal units, σ for lj), in double precision.</summary>
public readonly record struct Point3(double X, double Y, double Z)
{
    public bool IsFinite => double.IsFinite(X) && double.IsFinite(Y) && double.IsFinite(Z);
}
