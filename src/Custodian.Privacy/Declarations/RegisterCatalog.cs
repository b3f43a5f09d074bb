namespace Custodian.Privacy.Declarations;

/// <summary>All register declarations of the service, loaded and checked together at start-up.</summary>
public sealed class RegisterCatalog
{
    public const string PathSetting = "Privacy:RegistersPath";

    private readonly Dictionary<string, RegisterDeclaration> _registers;

    private RegisterCatalog(IEnumerable<RegisterDeclaration> registers)
    {
        _registers = registers.ToDictionary(r => r.Id, StringComparer.Ordinal);
        RussianOperators = OperatorRegisters.Of(Registers);
    }

    public IReadOnlyCollection<RegisterDeclaration> Registers => _registers.Values;

    /// <summary>The register with this id, or null (also for no id at all: model binding turns a blank value into null).</summary>
    public RegisterDeclaration? Find(string? id) => id is null ? null : _registers.GetValueOrDefault(id);

    /// <summary>The Russian operators (by INN) whose 152-FZ registers this service keeps, each with its registers.</summary>
    public IReadOnlyList<RussianOperator> RussianOperators { get; }

    /// <summary>Loads every <c>*.yaml</c> in the folder; throws with every problem if any declaration is wrong.</summary>
    public static RegisterCatalog Load(string folder)
    {
        var (registers, problems) = Validate(folder);
        return problems.Count == 0 ? new RegisterCatalog(registers) : throw new RegisterDeclarationException(problems);
    }

    /// <summary>Reads and checks without throwing (for <c>custodian registers validate</c>).</summary>
    public static (IReadOnlyList<RegisterDeclaration> Registers, IReadOnlyList<DeclarationProblem> Problems) Validate(string folder)
    {
        var problems = new List<DeclarationProblem>();
        if (!Directory.Exists(folder))
        {
            problems.Add(new DeclarationProblem(folder, 0, PathSetting, "the registers folder does not exist"));
            return ([], problems);
        }

        var files = Directory.EnumerateFiles(folder, "*.yaml").Order(StringComparer.Ordinal).ToList();
        if (files.Count == 0)
        {
            problems.Add(new DeclarationProblem(folder, 0, PathSetting, "holds no *.yaml register declarations"));
        }

        var registers = files
            .Select(file => RegisterReader.Read(file, Path.Combine(Path.GetFileName(Path.GetDirectoryName(file)!) ?? "", Path.GetFileName(file)), problems))
            .OfType<RegisterDeclaration>()
            .ToList();
        problems.AddRange(OperatorRegisters.Disagreements(registers));
        return (registers, problems);
    }
}
