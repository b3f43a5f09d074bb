using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Custodian.Privacy.Migrations
{
    /// <inheritdoc />
    internal partial class SharedKeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "privacy_shared_keys",
                columns: table => new
                {
                    purpose = table.Column<string>(maxLength: 32, nullable: false),
                    version = table.Column<int>(nullable: false),
                    @sealed = table.Column<byte[]>(name: "sealed", nullable: false),
                    created_at_utc = table.Column<DateTime>(nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_privacy_shared_keys", x => new { x.purpose, x.version });
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "privacy_shared_keys");
        }
    }
}
