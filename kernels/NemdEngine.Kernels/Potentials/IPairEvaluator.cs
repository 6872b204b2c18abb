namespace NemdEngine.Kernels.Potentials;

/// <summary>
/// A pair potential as a tiny evaluator (HOOMD-blue style): r² and the parameters of one species
/// pair in, F/r and U out. The neighbor loop is written once and is generic over the evaluator.
/// Implementations are stateless readonly structs; kernels call <c>default(TEval).Evaluate(..)</c>.
/// </summary>
public interface IPairEvaluator<TParams> where TParams : unmanaged
{
    /// <summary>Returns false beyond the pair's cutoff; otherwise F/r (force over distance) and U (energy).</summary>
    bool Evaluate(float r2, TParams p, out float forceOverR, out float energy);
}
