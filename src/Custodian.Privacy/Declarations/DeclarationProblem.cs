namespace Custodian.Privacy.Declarations;

/// <summary>One thing wrong in a declaration, pinned to file, line and key.</summary>
public sealed record DeclarationProblem(string File, long Line, string Key, string Message)
{
    public override string ToString() => $"{File}:{Line}: {Key}: {Message}";
}

/// <summary>Declarations that cannot be used; the service refuses to start with every problem listed.</summary>
public sealed class RegisterDeclarationException : Exception
{
    public RegisterDeclarationException(IReadOnlyList<DeclarationProblem> problems)
        : base("Invalid register declarations:" + Environment.NewLine + string.Join(Environment.NewLine, problems.Select(p => "  " + p)))
    {
        Problems = problems;
    }

    public RegisterDeclarationException()
    {
        Problems = [];
    }

    public RegisterDeclarationException(string message)
        : base(message)
    {
        Problems = [];
    }

    public RegisterDeclarationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problems = [];
    }

    public IReadOnlyList<DeclarationProblem> Problems { get; }
}
