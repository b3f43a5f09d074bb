using Microsoft.EntityFrameworkCore;

namespace Custodian.Testing.OpenId;

/// <summary>OpenIddict's applications, authorizations, scopes and tokens, in the provider's in-memory SQLite database.</summary>
internal sealed class OpenIdStore(DbContextOptions<OpenIdStore> options) : DbContext(options);
