using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Custodian.Storage.Records;

/// <summary>
/// Registered as an open generic, so every DbContext added with a plain <c>AddDbContext&lt;T&gt;()</c> gets the
/// configured provider. Modules own their DbContexts without knowing (or referencing) the storage choice.
/// </summary>
internal sealed class ConfiguredDatabaseProvider<TContext>(DatabaseSettings settings) : IDbContextOptionsConfiguration<TContext>
    where TContext : DbContext
{
    public void Configure(IServiceProvider serviceProvider, DbContextOptionsBuilder optionsBuilder) =>
        RecordsDatabase.UseProvider(optionsBuilder, settings);
}
