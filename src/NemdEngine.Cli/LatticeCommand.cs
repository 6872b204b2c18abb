using System.CommandLine;
using System.Globalization;
using NemdEngine.Analysis;
using NemdEngine.Input;
using NemdEngine.Lattice;
using NemdEngine.Model;
using NemdEngine.Potentials.Files;
using NemdEngine.Setup;

namespace NemdEngine.Cli;

/// <summary>
/// `nemd lattice DECK`: each side's zero-temperature lattice constant and cohesive energy under the
/// deck's potentials, beside the constants the deck uses and the in-plane strain they give.
/// </summary>
public static class LatticeCommand
{
    public static Command Create()
    {
        var deckArg = new Argument<FileInfo>("DECK") { Description = "Input deck (TOML)" };
        var command = new Command("lattice", "Print each side's 0 K lattice constant and cohesive energy for the deck's potentials") { deckArg };
        command.SetAction(parse => Execute(parse.GetValue(deckArg)!));
        return command;
    }

    private static int Execute(FileInfo deckFile)
    {
        Deck deck;
        try { deck = DeckReader.ReadFile(deckFile.ToString()); }
        catch (DeckException e)
        {
            Console.Error.WriteLine($"error: {NemdCli.OneLine(e.Message)}");
            return RunCommand.ExitBadInput;
        }
        var units = UnitSystem.FromName(deck.Units);
        if (deck.Structure is not null)
        {
            Console.Error.WriteLine($"error: {deckFile}: reads its atoms from [structure]; `nemd lattice` needs a deck that builds them ([lattice], [geometry])");
            return RunCommand.ExitBadInput;
        }
        IReadOnlyList<SideLattice> sides;
        try { sides = ZeroTemperatureLattice.For(deck); }
        catch (Exception e) when (e is InvalidOperationException or PotentialFileException)
        {
            Console.Error.WriteLine($"error: {NemdCli.OneLine(e.Message)}");
            return RunCommand.ExitRunFailed;
        }
        var lattice = deck.Lattice!;
        string F(double x, string format) => x.ToString(format, CultureInfo.InvariantCulture);
        Console.WriteLine($"Zero-temperature crystals under {string.Join(" + ", DescribePotentials(deck))} ({units.Name} units)");
        foreach (var s in sides)
            Console.WriteLine($"side {s.Side}: {s.Species} {s.Style}: a0 = {F(s.Constant, "F5")} {units.Length}, E = {F(s.EnergyPerAtom, "F5")} {units.Energy}/atom "
                + $"(cohesive energy {F(-s.EnergyPerAtom, "F5")} {units.Energy}/atom); the deck uses a = {F(s.DeckConstant, "G6")} {units.Length} ({Format.Percent(s.DeckConstant / s.Constant - 1)} from a0)");
        var (strainA, strainB) = BilayerBuilder.InPlaneStrain(deck);
        Console.WriteLine($"in-plane constant (lattice.in_plane = {(lattice.InPlane == "value" ? F(lattice.InPlaneValue, "G6") : $"\"{lattice.InPlane}\"")}): "
            + $"{F(lattice.InPlaneValue, "G6")} {units.Length}; in-plane strain of A {Format.Percent(strainA)}, of B {Format.Percent(strainB)}");
        return 0;
    }

    private static IEnumerable<string> DescribePotentials(Deck deck) =>
        (deck.Pairs.Count > 0 ? ["Lennard-Jones [[pair]]s"] : Array.Empty<string>())
        .Concat(deck.Potentials.Select(p => $"{p.Style} {Path.GetFileName(p.File)}"));
}
