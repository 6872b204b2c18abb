using System.CommandLine;
using System.Globalization;
using NemdEngine.Input;
using NemdEngine.IO;
using NemdEngine.Model;
using NemdEngine.Potentials.Files;
using NemdEngine.Theory;
using NemdEngine.Theory.Agf;

namespace NemdEngine.Cli;

/// <summary>
/// `nemd theory DECK [--out DIR] [--temperatures T0,T1] [--k-points N]`: the phonon models of the deck's
/// interface from the engine's own potentials (AMM, DMM, radiation limit, AGF), their conductances at
/// the deck's temperature (classical, quantum, and corrected to compare with NEMD), the phonons of
/// each side (dispersion, sound speeds, DOS) as CSV and plots, and G(T) log-log.
/// </summary>
public static class TheoryCommand
{
    public static Command Create()
    {
        var deckArg = new Argument<FileInfo>("DECK") { Description = "Input deck (TOML)" };
        var outOpt = new Option<string?>("--out") { Description = "Folder for the CSV files and plots (default: the deck's output.directory + \"-theory\")" };
        var rangeOpt = new Option<string?>("--temperatures") { Description = "G(T) range T0,T1 with 0 < T0 < T1 in the deck's temperature unit (default 0.001,0.7 ε/k_B for lj, 1,1700 K for metal)" };
        var kOpt = new Option<int?>("--k-points")
        {
            Description = "AGF transverse k-points per axis (default 10)",
            CustomParser = NemdCli.Parser<int?>("--k-points", "a whole number from 1 to 64", NemdCli.SmallWholeNumber),
        };
        var command = new Command("theory", "Phonon models of the deck's interface: AMM, DMM, radiation limit and AGF conductances, dispersion, DOS, G(T)") { deckArg, outOpt, rangeOpt, kOpt };
        command.SetAction(parse => Execute(parse.GetValue(deckArg)!, parse.GetValue(outOpt), parse.GetValue(rangeOpt), parse.GetValue(kOpt)));
        return command;
    }

    private static int Execute(FileInfo deckFile, string? outFolder, string? range, int? kPoints)
    {
        Deck deck;
        string dir;
        (double Low, double High) temperatures;
        try
        {
            deck = DeckReader.ReadFile(deckFile.ToString());
            if (deck.Structure is not null)
                throw new DeckException($"{deckFile}: key 'structure': `nemd theory` needs a deck that builds its crystals ([lattice], [geometry])");
            var origin = deck.Origin ?? DeckOrigin.Keys(deck.SourcePath);
            if (!(InterfaceTheory.DeckTemperature(deck) > 0))
                throw origin.Error("thermostat", "t_hot", "the mean of t_hot and t_cold must be above zero for the quantum conductances");
            var units = UnitSystem.FromName(deck.Units);
            temperatures = range is null ? InterfaceTheory.DefaultRange(units) : ParseRange(range, units);
            if (kPoints is int k && (k < 1 || k > 64)) throw new DeckException($"--k-points: expected a whole number from 1 to 64, got {k}");
            string folder = outFolder ?? deck.Output.Directory.TrimEnd('/', '\\') + "-theory";
            try { dir = OutputPath.PrepareFolder(folder); }
            catch (UnwritablePathException e) { throw new DeckException($"--out: {e.Message}", e); }
        }
        catch (DeckException e)
        {
            Console.Error.WriteLine($"error: {NemdCli.OneLine(e.Message)}");
            return RunCommand.ExitBadInput;
        }

        TheoryResult result;
        try
        {
            var options = new TheoryOptions(Agf: new AgfOptions(KPoints: kPoints ?? 10));
            result = InterfaceTheory.Compute(deck, InterfaceTheory.DeckTemperature(deck), options);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or PotentialFileException)
        {
            Console.Error.WriteLine($"error: {NemdCli.OneLine(e.Message)}");
            return RunCommand.ExitRunFailed;
        }
        var grid = InterfaceTheory.LogSpaced(temperatures.Low, temperatures.High, 60);
        var files = TheoryFiles.Write(dir, result, grid).Concat(TheoryPlots.Write(dir, result, grid)).ToList();
        Print(deck, result);
        Console.WriteLine($"G(T) from {F(temperatures.Low)} to {F(temperatures.High)} {result.Units.Temperature}; files in {dir}: {string.Join(", ", files.Select(Path.GetFileName))}");
        return 0;
    }

    /// <summary>"T0,T1" with 0 &lt; T0 &lt; T1: a range containing zero has no quantum conductance (and no log scale).</summary>
    private static (double, double) ParseRange(string text, UnitSystem units)
    {
        var parts = text.Split(',');
        if (parts.Length == 2 && NemdCli.Number(parts[0].Trim()) is (true, double low) && NemdCli.Number(parts[1].Trim()) is (true, double high)
            && low > 0 && high > low && double.IsFinite(high))
            return (low, high);
        throw new DeckException($"--temperatures: expected T0,T1 with 0 < T0 < T1 ({units.Temperature}), got '{DeckText.Clip(text)}'");
    }

    public static void Print(Deck deck, TheoryResult r)
    {
        var u = r.Units;
        Console.WriteLine($"Phonon models of the interface of {deck.SourcePath} ({u.Name} units) at T = {F(r.Temperature)} {u.Temperature}, from the deck's own potentials");
        foreach (var side in new[] { r.A, r.B })
        {
            var m = side.Model;
            double top = side.Model.Spectrum.MaxFrequency;
            // Å/ps is 100 m/s.
            string Speed(double c) => u.Name == "metal" ? $" ({F(c * 100)} m/s)" : "";
            string frequency = u.Name == "metal" ? $" ({F(top / (2 * Math.PI))} THz)" : "";
            Console.WriteLine($"side {side.Side}: {side.Species} (mass {F(side.Mass)} {u.Mass}), a∥ = {F(side.Crystal.ConstantInPlane)} {u.Length}, a_z = {F(side.Crystal.ConstantZ)} {u.Length}: "
                + $"c_L = {F(m.Sound.Longitudinal)} {u.Length}/{u.Time}{Speed(m.Sound.Longitudinal)}, c_T = {F(m.Sound.Transverse)} {u.Length}/{u.Time}{Speed(m.Sound.Transverse)}; ω_max = {F(top)} rad/{u.Time}{frequency}");
        }
        Console.WriteLine($"radiation conductance of each side (every mode crosses, classical): A {G(r.RadiationA, u)}, B {G(r.RadiationB, u)}");
        int width = u.Published is null ? 24 : 44;
        Console.WriteLine($"{"model",-16}{"G classical".PadRight(width)}  {"G quantum (T)".PadRight(width)}  G classical corrected for NEMD");
        foreach (var m in r.Models)
            Console.WriteLine($"{m.Name,-16}{G(m.Classical, u).PadRight(width)}  {G(m.Quantum, u).PadRight(width)}  {G(m.CorrectedClassical, u)}");
        if (r.Agf is { } agf)
            Console.WriteLine($"AGF: {agf.KPointsComputed} transverse k-points (of a {(int)Math.Round(Math.Sqrt(2 * agf.KPointsComputed))}² mesh, halved by time reversal) × {agf.Grid.Count} frequencies in {F(agf.Seconds)} s");
        Console.WriteLine($"quantum values use ħ{(u.Name == "lj" ? " of argon (σ = 3.405 Å, ε/k_B = 119.8 K, m = 39.948 u)" : "")}; the NEMD correction is 1/G − (1/G_rad,A + 1/G_rad,B)/2 (physics.md)");
    }

    /// <summary>A conductance with its unit, and in MW/(m² K) for metal decks.</summary>
    public static string G(double value, UnitSystem u)
    {
        if (double.IsPositiveInfinity(value)) return "∞ (no jump)";
        string text = $"{F(value)} {u.Conductance}";
        return u.Published is { } p ? $"{text} = {F(value * p.Conductance.PerEngineUnit)} {p.Conductance.Label}" : text;
    }

    private static string F(double x) => x.ToString("G4", CultureInfo.InvariantCulture);
}
