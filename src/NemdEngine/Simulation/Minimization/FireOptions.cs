namespace NemdEngine.Simulation.Minimization;

/// <summary>
/// Parameters of a FIRE minimization at fixed box (<see cref="FireMinimizer"/>): when to stop,
/// and FIRE's own constants. Units are the run's; Δt's are multiples of the starting timestep.
/// <para>
/// FIRE 2.0 (Guénolé et al., Comput. Mater. Sci. 175, 109584 (2020), refining Bitzek et al., PRL
/// 97, 170201 (2006)) with the defaults of its paper and of LAMMPS min_style fire: α_start = 0.25,
/// f_α = 0.99, f_inc = 1.1, f_dec = 0.5, N_delay = 20 (Bitzek's N_min), Δt_max = 10 Δt₀,
/// Δt_min = 0.02 Δt₀, half step back on a restart, initial delay, at most 0.1 length units per
/// step. Δt₀ is the MD timestep: FIRE moves the atoms with their real masses (v += Δt F/m, as
/// LAMMPS does), so Δt₀ is a step known to be stable for the stiffest bond of the lightest atom,
/// and Δt_max = 10 Δt₀ lets the slow modes relax without losing the MD-like trajectory FIRE relies
/// on. Unit masses would make every species relax at the same pace but need a timestep rescaled by
/// √m_min, which a deck does not give.
/// </para>
/// <para>
/// Bitzek's α_start = 0.1, N_min = 5 took 5–10 % more steps to max |F| ≤ 1e-3 ε/σ on the test
/// bilayers and up to 5x more to 3e-4 (FireMinimizerTests has the numbers); α_start = 0.25 with
/// N_min = 5 took 15–25 % fewer, on 1,152 atoms only: the published defaults stay, which also makes a
/// structure minimized here comparable with LAMMPS's FIRE at its defaults.
/// </para>
/// </summary>
public sealed record FireOptions
{
    /// <summary>
    /// Converged when max_i |F_i| over the mobile atoms is at most this (energy/length); 0 turns the
    /// test off. No default: it depends on the units and on what single precision allows. Positions
    /// are floats, so forces carry noise of about (stiffness) × ulp(coordinate) and FIRE stalls there:
    /// measured on LJ bilayers, max |F| stops at 1e-4 to 4e-4 ε/σ with 1,152 atoms (coordinates up to
    /// 12.5 σ), 6e-4 to 2e-3 with 32,000 (31 σ), 3e-3 with 108,000 (47 σ); the upper values are
    /// for a B side compressed by a 10 % larger σ (stiffer bonds). A tolerance below the floor runs to
    /// <see cref="MaxSteps"/>.
    /// </summary>
    public required double ForceTolerance { get; init; }
    /// <summary>
    /// Converged when the potential energy changes by at most this fraction in one step,
    /// |E_k − E_{k−1}| ≤ tol · ½ (|E_k| + |E_{k−1}|), tested only once more than <see cref="Delay"/>
    /// steps have passed since the last restart (LAMMPS's etol); 0 (the default) turns the test off.
    /// The energy is summed from single-precision per-atom values: at the force floor one step changes
    /// it by 1e-10 to 5e-9 of itself (32,000 LJ atoms). One quiet step is weak evidence: on the same
    /// system a step changed it by 5e-9 while max |F| was 0.16 ε/σ, so prefer the force test.
    /// </summary>
    public double EnergyTolerance { get; init; }
    /// <summary>The most FIRE steps (force evaluations) before giving up unconverged.</summary>
    public int MaxSteps { get; init; } = 10_000;
    /// <summary>Starting timestep Δt₀ (time); null: the engine's MD timestep.</summary>
    public double? Timestep { get; init; }
    /// <summary>Δt_max / Δt₀.</summary>
    public double MaxTimestepFactor { get; init; } = 10;
    /// <summary>Δt_min / Δt₀: a restart does not shrink Δt below it.</summary>
    public double MinTimestepFactor { get; init; } = 0.02;
    /// <summary>α_start: the mixing weight after a restart.</summary>
    public double AlphaStart { get; init; } = 0.25;
    /// <summary>f_α: α shrinks by this factor each downhill step after the delay.</summary>
    public double AlphaShrink { get; init; } = 0.99;
    /// <summary>f_inc: Δt grows by this factor each downhill step after the delay.</summary>
    public double TimestepGrow { get; init; } = 1.1;
    /// <summary>f_dec: Δt shrinks by this factor at a restart.</summary>
    public double TimestepShrink { get; init; } = 0.5;
    /// <summary>N_min: downhill steps after a restart before Δt grows and α shrinks.</summary>
    public int Delay { get; init; } = 20;
    /// <summary>FIRE 2.0: a restart in the first <see cref="Delay"/> − 1 steps (the first is one: it starts at rest) keeps Δt and α.</summary>
    public bool InitialDelay { get; init; } = true;
    /// <summary>FIRE 2.0: a restart first moves the atoms back by half the last step, r −= ½ Δt v.</summary>
    public bool HalfStepBack { get; init; } = true;
    /// <summary>No atom moves more than this per step along any axis with its current velocity (length; LAMMPS's dmax).</summary>
    public double MaxDisplacement { get; init; } = 0.1;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first parameter out of range.</summary>
    public void Validate()
    {
        static void Require(bool ok, string what)
        {
            if (!ok) throw new ArgumentException($"FIRE: {what}");
        }
        Require(ForceTolerance >= 0 && double.IsFinite(ForceTolerance), $"force tolerance {ForceTolerance} must be finite and >= 0");
        Require(EnergyTolerance >= 0 && double.IsFinite(EnergyTolerance), $"energy tolerance {EnergyTolerance} must be finite and >= 0");
        Require(ForceTolerance > 0 || EnergyTolerance > 0, "a force or an energy tolerance is needed");
        Require(MaxSteps >= 0, $"max steps {MaxSteps} must be >= 0");
        Require(Timestep is null || (Timestep > 0 && double.IsFinite(Timestep.Value)), $"timestep {Timestep} must be > 0");
        Require(MaxTimestepFactor >= 1, $"max timestep factor {MaxTimestepFactor} must be >= 1");
        Require(MinTimestepFactor > 0 && MinTimestepFactor <= 1, $"min timestep factor {MinTimestepFactor} must be in (0, 1]");
        Require(AlphaStart > 0 && AlphaStart < 1, $"alpha start {AlphaStart} must be in (0, 1)");
        Require(AlphaShrink > 0 && AlphaShrink <= 1, $"alpha shrink {AlphaShrink} must be in (0, 1]");
        Require(TimestepGrow >= 1, $"timestep grow {TimestepGrow} must be >= 1");
        Require(TimestepShrink > 0 && TimestepShrink < 1, $"timestep shrink {TimestepShrink} must be in (0, 1)");
        Require(Delay >= 0, $"delay {Delay} must be >= 0");
        Require(MaxDisplacement > 0 && double.IsFinite(MaxDisplacement), $"max displacement {MaxDisplacement} must be > 0");
    }
}
