using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Custodian.Modules.Guidance.Migrations
{
    /// <inheritdoc />
    internal partial class GuidanceAppointmentsApprovals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "guidance_legal_holds",
                columns: table => new
                {
                    id = table.Column<Guid>(nullable: false),
                    client_id = table.Column<Guid>(nullable: false),
                    reason = table.Column<string>(maxLength: 32, nullable: false),
                    explanation = table.Column<string>(maxLength: 300, nullable: false),
                    until = table.Column<DateOnly>(nullable: true),
                    placed_at = table.Column<DateTime>(nullable: false),
                    placed_by = table.Column<string>(maxLength: 80, nullable: false),
                    lifted_at = table.Column<DateTime>(nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_guidance_legal_holds", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_guidance_legal_holds_client_id",
                table: "guidance_legal_holds",
                column: "client_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "guidance_legal_holds");
        }
    }
}
