using NemdEngine.Cli;

namespace NemdEngine.Tests.Campaigns;

/// <summary>A folder with a tiny base deck (the shipped LJ deck cut to ~700 atoms and 300 steps) and sweep files beside it.</summary>
public sealed class SweepFixtures
{
    public SweepFixtures(int productionSteps = 260, int checkpointInterval = 100)
    {
        Folder = TestTemp.Path($"sweep-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Folder);
        string deck = ShippedDeck.Edited(("cells_A = 16", "cells_A = 5"), ("cells_B = 16", "cells_B = 5"), ("reservoir_cells = 3", "reservoir_cells = 1"),
            ("equilibration_steps = 20000", "equilibration_steps = 40"), ("production_steps = 160000", $"production_steps = {productionSteps}"),
            ("margin_reservoir = 2.0", "margin_reservoir = 0.5"), ("margin_interface = 2.0", "margin_interface = 0.5"), ("# blocks = 20 ", "blocks = 2 #"),
            ("checkpoint_interval = 18000", $"checkpoint_interval = {checkpointInterval}"));
        // No trajectory: the sweep tests are about folders and results.
        deck = deck[..deck.IndexOf("[output.trajectory]", StringComparison.Ordinal)];
        BaseDeck = Path.Combine(Folder, "base.toml");
        File.WriteAllText(BaseDeck, deck);
    }

    public string Folder { get; }
    public string BaseDeck { get; }

    /// <summary>Writes a sweep file over base.toml with <paramref name="body"/> after the `base` line; returns its path.</summary>
    public string Sweep(string body, string name = "sweep.toml")
    {
        string path = Path.Combine(Folder, name);
        File.WriteAllText(path, "base = \"base.toml\"\n" + body);
        return path;
    }

    public string Out(string name = "out") => Path.Combine(Folder, name);

    /// <summary>Runs `nemd ARGS` in this process; returns exit code, stdout and stderr.</summary>
    public static (int Code, string Out, string Err) Nemd(params string[] args)
    {
        lock (ConsoleLock)
        {
            var (oldOut, oldErr) = (Console.Out, Console.Error);
            var (stdout, stderr) = (new StringWriter(), new StringWriter());
            Console.SetOut(stdout);
            Console.SetError(stderr);
            try { return (NemdCli.Run(args), stdout.ToString(), stderr.ToString()); }
            finally
            {
                Console.SetOut(oldOut);
                Console.SetError(oldErr);
            }
        }
    }

    private static readonly object ConsoleLock = new();
}
