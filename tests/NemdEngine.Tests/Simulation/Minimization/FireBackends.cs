using NemdEngine.Backends;

namespace NemdEngine.Tests.Simulation.Minimization;

/// <summary>
/// One backend per device for the minimization tests: an ILGPU backend compiles every kernel on its
/// first launch (seconds on ilgpu-cpu). The tests of the collection run one after the other.
/// </summary>
public sealed class FireBackends : IDisposable
{
    public const string Collection = "minimization backends";

    private readonly Dictionary<string, IComputeBackend> created = [];

    public IComputeBackend Get(string device)
    {
        lock (created)
        {
            if (!created.TryGetValue(device, out var backend)) created[device] = backend = BackendFactory.Create(device);
            return backend;
        }
    }

    public void Dispose()
    {
        foreach (var backend in created.Values) backend.Dispose();
    }
}

[CollectionDefinition(FireBackends.Collection)]
public sealed class FireBackendsCollection : ICollectionFixture<FireBackends>;
