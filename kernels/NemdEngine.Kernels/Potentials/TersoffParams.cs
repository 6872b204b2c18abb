namespace NemdEngine.Kernels.Potentials;

/// <summary>
/// Tersoff parameters of the ordered species pair (i, j), from the file's i-j-j entry (metal units):
/// the pair terms of bond i-j and its bond order as seen from i.
/// U_i = ½ Σ_j fc(r_ij) [A e^(−λ1 r_ij) − b_ij B e^(−λ2 r_ij)], b_ij = (1 + (β ζ_ij)^n)^(−1/(2n)).
/// A, λ1, R, D are symmetric in (i, j) (the table checks it); B, λ2, β, n need not be.
/// </summary>
public struct TersoffPairParams
{
    /// <summary>Neighbor test r² &lt; CutoffSquared (Å²): (R + D)².</summary>
    public float CutoffSquared;
    /// <summary>R (Å): fc(r) = 1 below R − D, ½[1 − sin(π/2 (r − R)/D)] up to R + D, 0 beyond.</summary>
    public float R;
    /// <summary>D (Å): half width of the cutoff region.</summary>
    public float D;
    /// <summary>A (eV): repulsive prefactor.</summary>
    public float A;
    /// <summary>λ1 (1/Å): repulsive decay.</summary>
    public float Lambda1;
    /// <summary>B (eV): attractive prefactor.</summary>
    public float B;
    /// <summary>λ2 (1/Å): attractive decay.</summary>
    public float Lambda2;
    /// <summary>β of the bond order.</summary>
    public float Beta;
    /// <summary>n of the bond order.</summary>
    public float N;
    /// <summary>−1/(2n), the bond order's outer exponent (precomputed).</summary>
    public float MinusHalfOverN;
    /// <summary>
    /// LAMMPS ters_bij's branch points of t = βζ: above C1 = (2n·1e−16)^(−1/n), b = t^(−1/2); above
    /// C2 = (2n·1e−8)^(−1/n), b = (1 − t^(−n)/(2n)) t^(−1/2); below C4 = 1/C1, b = 1; below C3 = 1/C2,
    /// b = 1 − t^n/(2n); in between the full formula. Float C1 may be +∞ (branch never taken).
    /// </summary>
    public float C1, C2, C3, C4;
}

/// <summary>
/// Tersoff parameters of neighbor k's contribution to the bond order of bond i-j, from the file's i-j-k entry:
/// ζ_ij += fc(r_ik) g(cos θ_jik) exp((λ3 (r_ij − r_ik))^m), g(θ) = γ (1 + c²/d² − c²/(d² + (h − cos θ)²)).
/// </summary>
public struct TersoffTripletParams
{
    /// <summary>r_ik² &lt; CutoffSquared (Å²): (R + D)² of this entry (the i-k cutoff).</summary>
    public float CutoffSquared;
    /// <summary>R (Å) of the cutoff applied to r_ik.</summary>
    public float R;
    /// <summary>D (Å) of the cutoff applied to r_ik.</summary>
    public float D;
    /// <summary>γ of the angular function.</summary>
    public float Gamma;
    /// <summary>c² (precomputed).</summary>
    public float C2;
    /// <summary>d² (precomputed).</summary>
    public float D2;
    /// <summary>1 + c²/d² (precomputed).</summary>
    public float OnePlusC2OverD2;
    /// <summary>
    /// c²/d² (precomputed): float kernels evaluate g = γ (1 + (c²/d²) x²/(d² + x²)), x = h − cos θ, which equals
    /// the form above without its cancellation (c²/d² ≈ 4e7 for Si, and g ≈ 1e4 is their difference).
    /// </summary>
    public float C2OverD2;
    /// <summary>h = cos θ0.</summary>
    public float H;
    /// <summary>λ3 (1/Å); 0 in the Tersoff 1988/1989 Si, Ge and C sets (the exponential is then 1).</summary>
    public float Lambda3;
    /// <summary>m: 1 or 3 (int, not bool or float, so ILGPU accepts the field and the kernel can branch exactly).</summary>
    public int M;
}
