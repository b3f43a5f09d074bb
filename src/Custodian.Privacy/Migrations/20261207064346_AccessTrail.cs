using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Custodian.Privacy.Migrations
{
    /// <inheritdoc />
    internal partial class AccessTrail : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "privacy_access_trail",
                columns: table => new
                {
                    sequence = table.Column<long>(nullable: false),
                    subject = table.Column<string>(maxLength: 64, nullable: false),
                    viewed_at = table.Column<DateTime>(nullable: false),
                    register = table.Column<string>(maxLength: 64, nullable: false),
                    organisation = table.Column<string>(maxLength: 200, nullable: false),
                    role = table.Column<string>(maxLength: 64, nullable: false),
                    what = table.Column<string>(maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_privacy_access_trail", x => x.sequence);
                });

            migrationBuilder.CreateIndex(
                name: "IX_privacy_access_trail_subject_sequence",
                table: "privacy_access_trail",
                columns: new[] { "subject", "sequence" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "privacy_access_trail");
        }
    }
}
