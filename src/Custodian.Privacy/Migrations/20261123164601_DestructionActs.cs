using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Custodian.Privacy.Migrations
{
    /// <inheritdoc />
    internal partial class DestructionActs : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "privacy_destruction_acts",
                columns: table => new
                {
                    id = table.Column<Guid>(nullable: false),
                    number = table.Column<string>(maxLength: 16, nullable: false),
                    @operator = table.Column<string>(name: "operator", maxLength: 300, nullable: false),
                    register = table.Column<string>(maxLength: 64, nullable: false),
                    category = table.Column<string>(maxLength: 64, nullable: false),
                    fields = table.Column<string>(nullable: false),
                    subjects = table.Column<string>(nullable: false),
                    records = table.Column<int>(nullable: false),
                    media = table.Column<string>(maxLength: 300, nullable: false),
                    method = table.Column<string>(maxLength: 300, nullable: false),
                    reason = table.Column<string>(maxLength: 500, nullable: false),
                    performed_at_utc = table.Column<DateTime>(nullable: false),
                    performed_by = table.Column<string>(maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_privacy_destruction_acts", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_privacy_destruction_acts_number",
                table: "privacy_destruction_acts",
                column: "number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_privacy_destruction_acts_performed_at_utc",
                table: "privacy_destruction_acts",
                column: "performed_at_utc");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "privacy_destruction_acts");
        }
    }
}
