namespace NemdEngine.Kernels.Launch;

/// <summary>
/// One kernel = a struct holding its ArrayViews and parameters, with a per-item body.
/// The ILGPU backends launch it as <c>Entry(Index1D i, TKernel k) => k.Execute(i)</c>;
/// the fast CPU path calls the same body from a Parallel.For over host memory.
/// Bodies must not use shared memory or barriers, so both launchers are valid.
/// </summary>
public interface IAtomKernel
{
    /// <param name="index">The item: an atom, a group member or a cell.</param>
    void Execute<TAccess>(int index) where TAccess : struct, IViewAccess;
}
