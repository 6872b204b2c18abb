using Tomlyn.Parsing;
using Tomlyn.Syntax;

namespace NemdEngine.Input;

/// <summary>
/// Reads and validates a TOML input deck. Every problem is a <see cref="DeckException"/> naming the
/// file, the 1-based line, the full key and what was expected; nothing is silently ignored.
/// </summary>
public static class DeckReader
{
    internal static readonly string[] KnownTables = ["lattice", "lattice.A", "lattice.B", "geometry", "structure", "thermostat", "run", "minimize", "analysis", "output", "output.trajectory", "spectral"];
    internal static readonly string[] KnownTableArrays = ["species", "pair", "potential"];

    /// <summary>The largest deck read (bytes): decks are a few kB; this bounds the parser's memory and time.</summary>
    public const int MaxDeckBytes = 1 << 20;

    /// <summary>Reads a deck file, applies the command-line <paramref name="overrides"/> and validates the deck that will run.</summary>
    public static Deck ReadFile(string path, DeckOverrides? overrides = null)
    {
        string text;
        try
        {
            if (Directory.Exists(path)) throw new DeckException($"{path}: is a folder; expected a deck file (.toml)");
            var info = new FileInfo(path);
            if (!info.Exists) throw new DeckException($"{path}: no such deck file");
            if (info.Length > MaxDeckBytes)
                throw new DeckException($"{path}: {info.Length} bytes is too large for a deck; expected at most {MaxDeckBytes} bytes (1 MiB)");
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DeckException($"{path}: cannot read the deck: {e.Message}", e);
        }
        return Parse(text, path, overrides);
    }

    /// <summary>Parses deck text, applies the command-line <paramref name="overrides"/> and validates the deck that will run.</summary>
    public static Deck Parse(string text, string? sourcePath = null, DeckOverrides? overrides = null)
    {
        if (text.Length > MaxDeckBytes)
            throw new DeckException($"{sourcePath ?? "<deck>"}: {text.Length} characters is too large for a deck; expected at most {MaxDeckBytes} (1 MiB)");
        DocumentSyntax document;
        try { document = SyntaxParser.Parse(text, sourcePath ?? "<deck>"); }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Tomlyn throws rather than reports some inputs (nesting beyond its depth limit of 64):
            // the parser only reads the text, so whatever it throws is about the text.
            string why = e.Message.Contains("maximum depth", StringComparison.OrdinalIgnoreCase)
                ? "arrays or tables nested more than 64 deep" : DeckText.Clip(e.Message);
            throw new DeckException($"{sourcePath ?? "<deck>"}: TOML syntax error: {why}", e);
        }
        if (document.HasErrors)
        {
            var first = document.Diagnostics.First(d => d.Kind == DiagnosticMessageKind.Error);
            // Tomlyn reports an integer beyond int64 as a syntax error: say the range.
            string range = first.Message.StartsWith("Unable to parse integer", StringComparison.Ordinal) ? $" (a TOML integer is 64-bit: at most {long.MaxValue})" : "";
            throw new DeckException($"{sourcePath ?? "<deck>"}:{first.Span.Start.Line + 1}: TOML syntax error: {DeckText.Clip(first.Message)}{range}");
        }
        var tables = Collect(document, sourcePath);
        var deck = Bind(tables, sourcePath) with
        {
            SourcePath = sourcePath,
            SourceText = text,
            Origin = DeckOrigin.Toml(sourcePath, (table, key) => { var (t, k) = Locate(tables, table, key); return t.LineOf(k); }),
        };
        if (overrides is not null) deck = overrides.ApplyTo(deck);
        DeckValidator.Validate(deck);
        return deck;
    }

    private sealed record Tables(TomlTable Root, Dictionary<string, TomlTable> Named, Dictionary<string, List<TomlTable>> Arrays)
    {
        public TomlTable Get(string name, string? file) => Named.TryGetValue(name, out var t) ? t : new TomlTable(file, name, Root.Line);
    }

    private static Tables Collect(DocumentSyntax document, string? file)
    {
        var root = new TomlTable(file, "", 1);
        foreach (var kv in document.KeyValues) AddKeyValue(root, kv);
        var named = new Dictionary<string, TomlTable>(StringComparer.Ordinal);
        var arrays = KnownTableArrays.ToDictionary(n => n, _ => new List<TomlTable>(), StringComparer.Ordinal);
        foreach (var table in document.Tables)
        {
            string name = KeyName(table.Name!);
            int line = table.Span.Start.Line + 1;
            TomlTable target;
            if (table is TableArraySyntax)
            {
                if (!arrays.TryGetValue(name, out var list))
                    throw DeckException.At(file, line, name, $"unknown array of tables [[{DeckText.Clip(name)}]]; expected [[species]] or [[pair]]");
                target = new TomlTable(file, $"{name}[{list.Count}]", line);
                list.Add(target);
            }
            else
            {
                if (!KnownTables.Contains(name))
                    throw DeckException.At(file, line, name, $"unknown table [{DeckText.Clip(name)}]; expected one of {string.Join(", ", KnownTables.Select(t => $"[{t}]"))}, [[species]], [[pair]]");
                if (named.ContainsKey(name))
                    throw DeckException.At(file, line, name, $"table [{DeckText.Clip(name)}] is defined twice");
                target = named[name] = new TomlTable(file, name, line);
            }
            foreach (var kv in table.Items) AddKeyValue(target, kv);
        }
        return new Tables(root, named, arrays);
    }

    private static void AddKeyValue(TomlTable table, KeyValueSyntax kv)
    {
        string key = KeyName(kv.Key!);
        int line = kv.Span.Start.Line + 1;
        if (kv.Key!.DotKeys.ChildrenCount > 0)
            throw DeckException.At(table.File, line, table.FullKey(key), "dotted keys are not used in decks; write the table header instead");
        table.Add(key, kv.Value!, line);
    }

    private static string KeyName(KeySyntax key)
    {
        string Part(SyntaxNode? node) => node switch
        {
            BareKeySyntax bare => bare.Key!.Text!,
            StringValueSyntax s => s.Value!,
            _ => node?.ToString() ?? "",
        };
        var parts = new List<string> { Part(key.Key) };
        foreach (var dot in key.DotKeys) parts.Add(Part(dot.Key));
        return string.Join('.', parts);
    }

    private static Deck Bind(Tables t, string? file)
    {
        var root = t.Root;
        string units = root.OptionalString("units") ?? "lj";
        var unitSystem = Model.UnitSystem.All.FirstOrDefault(u => u.Name == units)
            ?? throw root.Error("units", $"unsupported unit system \"{DeckText.Clip(units)}\"; expected one of {Model.UnitSystem.Names}");
        long seed = root.OptionalLong("seed") ?? 1;
        if (seed < 0) throw root.Error("seed", $"must be a whole number from 0 to {DeckValidator.MaxSeed}, got {seed}");

        var species = t.Arrays["species"].Select(s =>
        {
            var spec = new SpeciesSpec(s.String("name", "species name"), s.Double("mass", "mass")) { Element = s.OptionalString("element") };
            s.RejectUnknownKeys();
            return spec;
        }).ToList();

        var pairs = t.Arrays["pair"].Select(p =>
        {
            var names = p.Array("species", "two species names", 2);
            string Name(int k) => names[k] is StringValueSyntax s ? s.Value! : throw p.Error("species", $"expected species names, got {TomlTable.Describe(names[k])}");
            var spec = new PairSpec(Name(0), Name(1), p.Double("epsilon", "well depth, energy"), p.Double("sigma", "length"),
                p.Double("cutoff", "length"), p.OptionalBool("shift") ?? true);
            p.RejectUnknownKeys();
            return spec;
        }).ToList();

        // A potential file is named relative to the deck's folder; the deck keeps its full path.
        string deckFolder = file is null ? Directory.GetCurrentDirectory() : Path.GetDirectoryName(Path.GetFullPath(file)) ?? ".";
        var potentials = t.Arrays["potential"].Select(p =>
        {
            string style = p.String("style", $"one of {string.Join(", ", PotentialSpec.Styles.Select(x => $"\"{x}\""))}");
            string path = Path.GetFullPath(Path.Combine(deckFolder, p.String("file", "a LAMMPS potential file, relative to the deck")));
            var spec = PotentialSpec.Create(style, path)
                ?? throw p.Error("style", $"unknown potential style \"{DeckText.Clip(style)}\"; expected one of {string.Join(", ", PotentialSpec.Styles.Select(x => $"\"{x}\""))} (Lennard-Jones is given by [[pair]])");
            p.RejectUnknownKeys();
            return spec;
        }).ToList();

        // Atoms from a file ([structure]) or built from [lattice] and [geometry]: one or the other.
        var structureTable = t.Get("structure", file);
        StructureSpec? structure = null;
        LatticeSpec? latticeSpec = null;
        GeometrySpec? geometry = null;
        var lattice = t.Get("lattice", file);
        var g = t.Get("geometry", file);
        if (t.Named.ContainsKey("structure"))
        {
            foreach (var name in new[] { "lattice", "lattice.A", "lattice.B", "geometry" })
                if (t.Named.TryGetValue(name, out var given))
                    throw DeckException.At(file, given.Line, name, $"[{name}] builds the atoms, [structure] reads them from a file: give one or the other");
            structure = ReadStructure(structureTable, deckFolder);
        }
        else
        {
            SideLatticeSpec? Side(string name)
            {
                if (!t.Named.ContainsKey($"lattice.{name}")) return null;
                var side = t.Get($"lattice.{name}", file);
                var spec = new SideLatticeSpec(side.OptionalString("type") ?? lattice.String("type", "\"fcc\" or \"diamond\""), side.Double("constant", "side's lattice constant, length"));
                side.RejectUnknownKeys();
                return spec;
            }
            latticeSpec = new LatticeSpec(lattice.String("type", "\"fcc\" or \"diamond\""), lattice.Double("constant", "lattice constant, length"))
            {
                A = Side("A"),
                B = Side("B"),
            };
            switch (lattice.OptionalValue("in_plane"))
            {
                case null: break;
                case StringValueSyntax rule: latticeSpec = latticeSpec with { InPlane = rule.Value! }; break;
                case FloatValueSyntax or IntegerValueSyntax: latticeSpec = latticeSpec with { InPlane = "value", InPlaneConstant = lattice.OptionalDouble("in_plane") }; break;
                case var other: throw lattice.Error("in_plane", $"expected \"A\", \"B\", \"mean\" or a length, got {TomlTable.Describe(other)}");
            }

            var cross = g.Array("cross_section", "unit cells along x and y", 2);
            int Cells(int k) => cross[k] is IntegerValueSyntax i ? g.Narrow("cross_section", i.Value) : throw g.Error("cross_section", $"expected integers, got {TomlTable.Describe(cross[k])}");
            geometry = new GeometrySpec
            {
                CellsX = Cells(0),
                CellsY = Cells(1),
                SpeciesA = g.String("species_A", "species of material A"),
                CellsA = g.Int("cells_A", "unit cells of A along z"),
                SpeciesB = g.String("species_B", "species of material B"),
                CellsB = g.Int("cells_B", "unit cells of B along z"),
                FrozenCells = g.OptionalInt("frozen_cells") ?? 1,
                ReservoirCells = g.OptionalInt("reservoir_cells") ?? 3,
                IntermixThickness = g.OptionalDouble("intermix_thickness") ?? 0,
                IntermixFraction = g.OptionalDouble("intermix_fraction") ?? GeometrySpec.DefaultIntermixFraction,
            };
        }

        var th = t.Get("thermostat", file);
        var thermostat = new ThermostatSpec(th.Double("t_hot", "temperature"), th.Double("t_cold", "temperature"), th.Double("damping", "time"));

        var r = t.Get("run", file);
        var defaults = new RunSpec { EquilibrationSteps = 0, ProductionSteps = 0 };
        var run = new RunSpec
        {
            Timestep = r.OptionalDouble("timestep") ?? unitSystem.DefaultTimestep,
            EquilibrationSteps = r.Long("equilibration_steps", "steps"),
            ProductionSteps = r.Long("production_steps", "steps"),
            SampleInterval = r.OptionalInt("sample_interval") ?? defaults.SampleInterval,
            Skin = r.OptionalDouble("skin") ?? unitSystem.DefaultSkin,
            InitialTemperature = r.OptionalDouble("initial_temperature"),
        };

        var mn = t.Get("minimize", file);
        var minimizeDefaults = new MinimizeSpec();
        var minimize = new MinimizeSpec
        {
            MaxSteps = mn.OptionalInt("max_steps") ?? minimizeDefaults.MaxSteps,
            ForceTolerance = mn.OptionalDouble("force_tolerance") ?? minimizeDefaults.ForceTolerance,
        };

        var a = t.Get("analysis", file);
        var analysisDefaults = new AnalysisSpec();
        var analysis = new AnalysisSpec
        {
            BinWidth = a.OptionalDouble("bin_width"),
            MarginReservoir = a.OptionalDouble("margin_reservoir") ?? analysisDefaults.MarginReservoir,
            MarginInterface = a.OptionalDouble("margin_interface") ?? analysisDefaults.MarginInterface,
            Blocks = a.OptionalInt("blocks"),
            FluxTolerance = a.OptionalDouble("flux_tolerance") ?? analysisDefaults.FluxTolerance,
            TargetRelativeError = a.OptionalDouble("target_relative_error") ?? analysisDefaults.TargetRelativeError,
        };

        var o = t.Get("output", file);
        var output = new OutputSpec { Directory = o.OptionalString("directory") ?? new OutputSpec().Directory, CheckpointInterval = o.OptionalLong("checkpoint_interval") };
        var tr = t.Get("output.trajectory", file);
        if (t.Named.ContainsKey("output.trajectory"))
        {
            var fields = tr.OptionalArray("fields")?.Select(v => v is StringValueSyntax s ? s.Value! : throw tr.Error("fields", $"expected field names (strings), got {TomlTable.Describe(v)}")).ToList();
            long interval = tr.Long("interval", "steps between frames");
            if (interval is < 1 or > int.MaxValue) throw tr.Error("interval", $"must be a positive number of steps, got {interval}");
            output = output with { Trajectory = new TrajectorySpec((int)interval, fields ?? [.. TrajectorySpec.DefaultFields], tr.OptionalBool("compression") ?? false) };
        }

        var sp = t.Get("spectral", file);
        SpectralSpec? spectral = null;
        if (t.Named.ContainsKey("spectral"))
            spectral = new SpectralSpec
            {
                Enabled = sp.OptionalBool("enabled") ?? true,
                Thickness = sp.OptionalDouble("thickness"),
                Resolution = sp.OptionalDouble("resolution"),
                SampleInterval = sp.OptionalInt("sample_interval"),
            };

        foreach (var table in new[] { root, lattice, g, structureTable, th, r, mn, a, o, tr, sp }) table.RejectUnknownKeys();

        return new Deck
        {
            Units = units,
            Seed = (ulong)seed,
            Species = species,
            Pairs = pairs,
            Potentials = potentials,
            Lattice = latticeSpec,
            Geometry = geometry,
            Structure = structure,
            Thermostat = thermostat,
            Run = run,
            Analysis = analysis,
            Output = output,
            Minimize = minimize,
            Spectral = spectral,
        };
    }

    /// <summary>[structure]: the file (relative to the deck) and the regions as z ranges.</summary>
    private static StructureSpec ReadStructure(TomlTable st, string deckFolder)
    {
        ZRange Range(IReadOnlyList<ValueSyntax> pair, string key)
        {
            double Number(ValueSyntax v) => v switch
            {
                FloatValueSyntax f => f.Value,
                IntegerValueSyntax i => i.Value,
                _ => throw st.Error(key, $"expected a z range [low, high] of lengths, got {TomlTable.Describe(v)}"),
            };
            if (pair.Count != 2) throw st.Error(key, $"expected a z range [low, high] of lengths, got {pair.Count} numbers");
            return new ZRange(Number(pair[0]), Number(pair[1]));
        }
        string path = Path.GetFullPath(Path.Combine(deckFolder, st.String("file", "a LAMMPS data or extended XYZ file, relative to the deck")));
        var frozen = (st.OptionalArray("frozen") ?? []).Select(v => v is ArraySyntax a
            ? Range(a.Items.Select(item => item.Value!).ToList(), "frozen")
            : throw st.Error("frozen", $"expected a list of z ranges [[low, high], ...], got {TomlTable.Describe(v)}")).ToList();
        return new StructureSpec(path, frozen, Range(st.Array("hot", "the hot reservoir's z range [low, high]", 2), "hot"),
            Range(st.Array("cold", "the cold reservoir's z range [low, high]", 2), "cold"), st.Double("interface_z", "z of the interface plane, length"));
    }

    /// <summary>Looks up where a key was written, for the validator's messages.</summary>
    internal static (TomlTable Table, string Key) Locate(object tables, string table, string key)
    {
        var t = (Tables)tables;
        if (table.Length == 0) return (t.Root, key);
        int bracket = table.IndexOf('[', StringComparison.Ordinal);
        if (bracket >= 0)
        {
            string name = table[..bracket];
            int index = int.Parse(table[(bracket + 1)..^1], System.Globalization.CultureInfo.InvariantCulture);
            return (t.Arrays[name][index], key);
        }
        return (t.Get(table, t.Root.File), key);
    }
}
