using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Custodian.Privacy.TechnicalAccess.Migrations
{
    /// <inheritdoc />
    internal partial class TechnicalAccessStore : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "privacy_technical_access",
                columns: table => new
                {
                    id = table.Column<long>(nullable: false)
                        .Annotation("Sqlite:Autoincrement", true)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    register = table.Column<string>(maxLength: 64, nullable: false),
                    resource = table.Column<string>(maxLength: 128, nullable: false),
                    at = table.Column<DateTime>(nullable: false),
                    remote_address = table.Column<string>(maxLength: 64, nullable: true),
                    browser = table.Column<string>(maxLength: 512, nullable: true),
                    status = table.Column<int>(nullable: false),
                    bytes = table.Column<long>(nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_privacy_technical_access", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_privacy_technical_access_register_at",
                table: "privacy_technical_access",
                columns: new[] { "register", "at" });

            migrationBuilder.CreateIndex(
                name: "IX_privacy_technical_access_resource_at",
                table: "privacy_technical_access",
                columns: new[] { "resource", "at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "privacy_technical_access");
        }
    }
}
