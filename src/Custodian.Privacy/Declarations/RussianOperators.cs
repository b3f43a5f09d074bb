namespace Custodian.Privacy.Declarations;

/// <summary>
/// One Russian operator (an organisation or entrepreneur under 152-FZ) and the registers in which this service is that
/// organisation, as controller or as processor for someone else: together they are what its one processing policy
/// (art. 18.1) covers.
/// </summary>
public sealed record RussianOperator(Party Party, RussianRequisites Requisites, IReadOnlyList<RegisterDeclaration> Registers)
{
    /// <summary>The newest effective date of its registers: the policy takes effect when its latest declaration does.</summary>
    public DateOnly Effective => Registers.Select(r => r.Effective ?? DateOnly.MinValue).Max();
}

/// <summary>Groups 152-FZ registers by the INN of the organisation they name as us, and checks that they agree on it.</summary>
internal static class OperatorRegisters
{
    public static IReadOnlyList<RussianOperator> Of(IEnumerable<RegisterDeclaration> registers) =>
        [.. registers
            .Where(r => r.Law == Law.Fz152 && r.Organisation.Requisites is not null)
            .GroupBy(r => r.Organisation.Requisites!.Inn, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                // Controllers first, then processor registers, each by id: the order the policy presents them in.
                var ordered = g.OrderBy(r => r.Role).ThenBy(r => r.Id, StringComparer.Ordinal).ToList();
                return new RussianOperator(ordered[0].Organisation, ordered[0].Organisation.Requisites!, ordered);
            })];

    /// <summary>
    /// The operator's name, KPP, OGRN and address appear once in its policy, so every register naming the same INN must
    /// give the same ones; contacts and the responsible person may differ per register (the policy lists each).
    /// </summary>
    public static IEnumerable<DeclarationProblem> Disagreements(IReadOnlyList<RegisterDeclaration> registers)
    {
        foreach (var russianOperator in Of(registers))
        {
            var first = russianOperator.Registers[0];
            foreach (var other in russianOperator.Registers.Skip(1))
            {
                var (a, b) = (first.Organisation, other.Organisation);
                var key = other.Role == ProcessingRole.Processor ? "processor" : "controller";
                var differences = new List<string>();
                if (!SameText(a.Name, b.Name))
                {
                    differences.Add("name");
                }

                if (!SameText(a.Address, b.Address))
                {
                    differences.Add("address");
                }

                if (a.Requisites!.Kpp != b.Requisites!.Kpp)
                {
                    differences.Add("kpp");
                }

                if (a.Requisites.Ogrn != b.Requisites.Ogrn)
                {
                    differences.Add("ogrn");
                }

                foreach (var field in differences)
                {
                    yield return new DeclarationProblem(other.SourceFile, other.OrganisationLine, $"{key}.{field}",
                        $"differs from {first.SourceFile} for the same operator (INN {russianOperator.Requisites.Inn}): the operator's one processing policy states it once, so write the same in both");
                }
            }
        }
    }

    private static bool SameText(LocalisedText a, LocalisedText b) =>
        a.Texts.Count == b.Texts.Count && a.Texts.All(t => b.Texts.TryGetValue(t.Key, out var other) && other == t.Value);
}
