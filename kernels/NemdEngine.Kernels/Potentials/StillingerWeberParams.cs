namespace NemdEngine.Kernels.Potentials;

/// <summary>
/// Stillinger-Weber parameters of the ordered species pair (i, j), from the file's i-j-j entry (metal
/// units: Å, eV). Used for the two-body term of the pair and for the radial factor of bond i-j in
/// every three-body term centred on i. Symmetric in (i, j) for the two-body fields (the table checks it).
/// </summary>
public struct StillingerWeberPairParams
{
    /// <summary>Neighbor test r² &lt; CutoffSquared (Å²): (a σ)², or shorter when the file's tol &gt; 0 (as LAMMPS).</summary>
    public float CutoffSquared;
    /// <summary>a σ (Å): where the two-body term and the radial factor vanish.</summary>
    public float Cutoff;
    /// <summary>σ (Å).</summary>
    public float Sigma;
    /// <summary>A ε (eV): φ2(r) = Aε [B (σ/r)^p − (σ/r)^q] exp(σ / (r − aσ)).</summary>
    public float AEpsilon;
    /// <summary>B (dimensionless).</summary>
    public float B;
    /// <summary>p: repulsive power.</summary>
    public float P;
    /// <summary>q: attractive power.</summary>
    public float Q;
    /// <summary>γ σ (Å): the bond's radial factor in three-body terms is exp(γσ / (r − aσ)).</summary>
    public float GammaSigma;
}

/// <summary>
/// Stillinger-Weber three-body parameters of the angle j-i-k centred on species i, from the file's i-j-k
/// entry: φ3 = λε (cos θ_jik − cos θ0)² exp(γσ_ij/(r_ij − aσ_ij)) exp(γσ_ik/(r_ik − aσ_ik)).
/// Symmetric in (j, k) (the table checks it), so a kernel may take j, k in any order.
/// </summary>
public struct StillingerWeberTripletParams
{
    /// <summary>λ ε of entry i-j-k (eV).</summary>
    public float LambdaEpsilon;
    /// <summary>cos θ0 of entry i-j-k.</summary>
    public float CosTheta0;
}
