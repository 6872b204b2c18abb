using System.CommandLine;
using NemdEngine.Input;
using NemdEngine.IO;
using NemdEngine.IO.Structures;
using NemdEngine.Setup;

namespace NemdEngine.Cli;

/// <summary>
/// `nemd build DECK --out DIR`: the system a run of the deck would start from (built, and minimized
/// when the deck asks for it), written as a LAMMPS data file (atomic style, species as type labels
/// in comments, region and side per atom), an extended XYZ file and a LAMMPS group include, so that
/// LAMMPS, OVITO and ASE open it.
/// </summary>
public static class BuildCommand
{
    public static Command Create()
    {
        var deckArg = new Argument<FileInfo>("DECK") { Description = "Input deck (TOML)" };
        var outOpt = new Option<string>("--out") { Description = "Folder for structure.data, structure.xyz and groups.lammps", Required = true };
        var deviceOpt = new Option<string?>("--device") { Description = "Device for the minimization: " + NemdEngine.Backends.BackendFactory.Help };
        var command = new Command("build", "Write the deck's built (and minimized) system as LAMMPS data and extended XYZ files") { deckArg, outOpt, deviceOpt };
        command.SetAction(parse => Execute(parse.GetValue(deckArg)!, parse.GetValue(outOpt)!, parse.GetValue(deviceOpt)));
        return command;
    }

    private static int Execute(FileInfo deckFile, string outFolder, string? device)
    {
        Deck deck;
        string dir;
        try
        {
            deck = DeckReader.ReadFile(deckFile.ToString());
            NemdEngine.Backends.BackendFactory.Validate(device);
            try { dir = OutputPath.PrepareFolder(outFolder); }
            catch (UnwritablePathException e) { throw new DeckException($"--out: {e.Message}", e); }
        }
        catch (Exception e) when (e is DeckException or ArgumentException)
        {
            Console.Error.WriteLine($"error: {NemdCli.OneLine(e.Message)}");
            return RunCommand.ExitBadInput;
        }
        try
        {
            var setup = SimulationSetup.FromDeck(deck);
            var structure = StructureConversion.FromSystem(setup.System, setup.Layout, deck.Units);
            if (deck.Minimize.MaxSteps > 0)
            {
                using var backend = NemdEngine.Backends.BackendFactory.Create(device, _ => { });
                using var engine = setup.CreateEngine(backend);
                var result = setup.Minimize(engine)!;
                Console.WriteLine($"minimization: {result.Summary}");
                structure = structure.WithPositions(engine.ReadPositions().Select(p => new Point3(p.X, p.Y, p.Z)).ToArray());
            }
            foreach (var file in StructureFile.WriteAll(dir, structure)) Console.WriteLine($"wrote {file}");
            Console.WriteLine($"{structure.Count} atoms; box {structure.Box.LengthX:G6} x {structure.Box.LengthY:G6} {setup.Units.Length}, z from {structure.Box.ZLow:G6} to {structure.Box.ZHigh:G6} {setup.Units.Length}");
            return 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            Console.Error.WriteLine($"error: {NemdCli.OneLine(e.Message)}");
            return RunCommand.ExitRunFailed;
        }
    }
}
