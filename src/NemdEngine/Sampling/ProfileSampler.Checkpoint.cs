namespace NemdEngine.Sampling;

public sealed partial class ProfileSampler
{
    /// <summary>Atoms counted in each bin, summed over the samples so far (the numerator of AtomsPerBin).</summary>
    public long[] BinCountTotals() => (long[])totalCounts.Clone();

    /// <summary>
    /// Replaces what was recorded by <paramref name="samples"/> (as returned by ToSamples), the bin
    /// count totals and the bath energies at the start of production (energy).
    /// </summary>
    public void Restore(ProductionSamples samples, long[] binCountTotals, double hotBathAtStart, double coldBathAtStart)
    {
        int bins = binCenters.Length;
        if (samples.BinCenters.Length != bins || binCountTotals.Length != bins)
            throw new ArgumentException($"stored samples have {samples.BinCenters.Length} bins, this sampler has {bins}");
        int n = samples.Times.Length;
        if (samples.Temperatures.Length != n || samples.HotBathEnergy.Length != n || samples.ColdBathEnergy.Length != n
            || samples.HotReservoirTemperature.Length != n || samples.ColdReservoirTemperature.Length != n
            || samples.Temperatures.Any(t => t.Length != bins))
            throw new ArgumentException("stored samples have inconsistent lengths");
        binCountTotals.CopyTo(totalCounts, 0);
        (hotEnergyAtStart, coldEnergyAtStart) = (hotBathAtStart, coldBathAtStart);
        times.Clear(); times.AddRange(samples.Times);
        temperatures.Clear(); temperatures.AddRange(samples.Temperatures.Select(t => (double[])t.Clone()));
        hotEnergy.Clear(); hotEnergy.AddRange(samples.HotBathEnergy);
        coldEnergy.Clear(); coldEnergy.AddRange(samples.ColdBathEnergy);
        hotTemperature.Clear(); hotTemperature.AddRange(samples.HotReservoirTemperature);
        coldTemperature.Clear(); coldTemperature.AddRange(samples.ColdReservoirTemperature);
    }
}
