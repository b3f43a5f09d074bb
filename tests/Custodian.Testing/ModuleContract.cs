using Custodian.Privacy.Abstractions.Requests;
using Custodian.Privacy.Abstractions.Retention;
using Custodian.Privacy.Declarations;
using Custodian.Privacy.Requests;
using Custodian.Privacy.Retention;

namespace Custodian.Testing;

/// <summary>
/// What every register must have in the composition that runs: exactly one module <see cref="IPersonalDataProvider"/>
/// (the kernel's own provider answers for every register besides it), and an <see cref="IRetentionTarget"/> executing
/// every retention rule that deletes or anonymises. A register kept as a processor may have no module provider: the
/// kernel forwards every request about it to the controller and never asks a provider (<see cref="ExecuteRequest"/>),
/// so a module provides one only where it carries out the controller's instructions per subject; at most one still. Registers whose module is not built yet, and categories no module
/// stores yet, are named in a pending set (<c>register</c> or <c>register/category</c>); an entry that is no longer
/// pending (a module now serves it) is reported too, so the set only shrinks.
/// </summary>
public static class ModuleContract
{
    /// <summary>Every way the composition falls short of the declarations, one line each; empty when it meets them.</summary>
    public static IReadOnlyList<string> Check(
        IEnumerable<RegisterDeclaration> registers, IEnumerable<IPersonalDataProvider> providers, IEnumerable<IRetentionTarget> targets, IReadOnlySet<string> pending)
    {
        ArgumentNullException.ThrowIfNull(registers);
        ArgumentNullException.ThrowIfNull(pending);
        var declared = registers.OrderBy(r => r.Id, StringComparer.Ordinal).ToList();
        var providerList = providers.ToList();
        var targetList = targets.ToList();
        var problems = new List<string>();
        foreach (var entry in pending.Order(StringComparer.Ordinal))
        {
            var (registerId, categoryId) = entry.Split('/', 2) is [var r, var c] ? (r, (string?)c) : (entry, null);
            if (declared.FirstOrDefault(d => d.Id == registerId) is not { } register || (categoryId is not null && register.Categories.All(c => c.Id != categoryId)))
            {
                problems.Add($"pending '{entry}': no such register{(categoryId is null ? "" : " category")} is declared");
            }
        }

        foreach (var register in declared)
        {
            var where = $"{register.SourceFile}: register {register.Id}";
            var modules = providerList.Where(p => p is not KernelDataProvider && p.Registers.Contains(register.Id)).Select(p => p.Name).Order(StringComparer.Ordinal).ToList();
            if (!providerList.Any(p => p is KernelDataProvider && p.Registers.Contains(register.Id)))
            {
                problems.Add($"{where}: the kernel's own provider does not answer for it");
            }

            if (pending.Contains(register.Id))
            {
                var serving = modules.Concat(targetList.Where(t => t is not KernelRetention && t.Registers.Contains(register.Id)).Select(t => t.Name)).Distinct().ToList();
                if (serving.Count > 0)
                {
                    problems.Add($"{where}: is pending, but {string.Join(", ", serving)} serve(s) it now: take it out of the pending set");
                }

                continue;
            }

            if (modules.Count != 1 && !(modules.Count == 0 && register.Role == ProcessingRole.Processor))
            {
                problems.Add(modules.Count == 0
                    ? $"{where}: no module IPersonalDataProvider answers for it (build its module's provider, or name the register as pending)"
                    : $"{where}: {modules.Count} module providers answer for it ({string.Join(", ", modules)}): exactly one may");
            }

            foreach (var category in register.Categories.Where(c => c.Retention.Action != RetentionAction.Review))
            {
                var executing = targetList.Where(t => t.Registers.Contains(register.Id) && t.Categories(register.Id).Contains(category.Id)).Select(t => t.Name).ToList();
                var rule = $"{DeclarationNames.Of(category.Retention.Action)} {category.Retention.Period} after {DeclarationNames.Of(category.Retention.Trigger)}";
                if (pending.Contains($"{register.Id}/{category.Id}"))
                {
                    if (executing.Count > 0)
                    {
                        problems.Add($"{where}: category {category.Id} is pending, but {string.Join(", ", executing)} execute(s) its rule now: take it out of the pending set");
                    }
                }
                else if (executing.Count == 0)
                {
                    problems.Add($"{where}: category {category.Id} ({rule}) has no IRetentionTarget executing its rule");
                }
            }
        }

        return problems;
    }
}
