using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Custodian.Modules.Guidance.Migrations
{
    /// <inheritdoc />
    internal partial class GuidanceStatementsGoalsAttachments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<byte[]>(
                name: "education",
                table: "guidance_clients",
                nullable: true);

            migrationBuilder.AddColumn<byte[]>(
                name: "gender",
                table: "guidance_clients",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "guidance_attachments",
                columns: table => new
                {
                    id = table.Column<Guid>(nullable: false),
                    client_id = table.Column<Guid>(nullable: false),
                    area = table.Column<string>(maxLength: 32, nullable: false),
                    content_type = table.Column<string>(maxLength: 40, nullable: false),
                    size = table.Column<int>(nullable: false),
                    attachment_name = table.Column<byte[]>(nullable: false),
                    attachment_content = table.Column<byte[]>(nullable: false),
                    uploaded_at = table.Column<DateTime>(nullable: false),
                    uploaded_by = table.Column<string>(maxLength: 80, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_guidance_attachments", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "guidance_plan_item_versions",
                columns: table => new
                {
                    item_id = table.Column<Guid>(nullable: false),
                    version = table.Column<int>(nullable: false),
                    plan_text = table.Column<byte[]>(nullable: false),
                    target_date = table.Column<DateOnly>(nullable: true),
                    status = table.Column<string>(maxLength: 16, nullable: false),
                    written_at = table.Column<DateTime>(nullable: false),
                    written_by = table.Column<string>(maxLength: 80, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_guidance_plan_item_versions", x => new { x.item_id, x.version });
                });

            migrationBuilder.CreateTable(
                name: "guidance_plan_items",
                columns: table => new
                {
                    id = table.Column<Guid>(nullable: false),
                    client_id = table.Column<Guid>(nullable: false),
                    kind = table.Column<string>(maxLength: 16, nullable: false),
                    area = table.Column<string>(maxLength: 32, nullable: false),
                    version = table.Column<int>(nullable: false),
                    created_at = table.Column<DateTime>(nullable: false),
                    created_by = table.Column<string>(maxLength: 80, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_guidance_plan_items", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "guidance_statement_versions",
                columns: table => new
                {
                    statement_id = table.Column<Guid>(nullable: false),
                    version = table.Column<int>(nullable: false),
                    statement_text = table.Column<byte[]>(nullable: false),
                    written_at = table.Column<DateTime>(nullable: false),
                    written_by = table.Column<string>(maxLength: 80, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_guidance_statement_versions", x => new { x.statement_id, x.version });
                });

            migrationBuilder.CreateTable(
                name: "guidance_statements",
                columns: table => new
                {
                    id = table.Column<Guid>(nullable: false),
                    client_id = table.Column<Guid>(nullable: false),
                    area = table.Column<string>(maxLength: 32, nullable: false),
                    state = table.Column<string>(maxLength: 16, nullable: false),
                    version = table.Column<int>(nullable: false),
                    revision = table.Column<int>(nullable: false),
                    created_at = table.Column<DateTime>(nullable: false),
                    created_by = table.Column<string>(maxLength: 80, nullable: false),
                    reviewed_at = table.Column<DateTime>(nullable: true),
                    reviewed_by = table.Column<string>(maxLength: 80, nullable: true),
                    statement_review_comment = table.Column<byte[]>(nullable: true),
                    issued_at = table.Column<DateTime>(nullable: true),
                    issued_by = table.Column<string>(maxLength: 80, nullable: true),
                    recipient = table.Column<string>(maxLength: 200, nullable: true),
                    disclosure_basis = table.Column<string>(maxLength: 40, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_guidance_statements", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_guidance_attachments_client_id",
                table: "guidance_attachments",
                column: "client_id");

            migrationBuilder.CreateIndex(
                name: "IX_guidance_plan_items_client_id",
                table: "guidance_plan_items",
                column: "client_id");

            migrationBuilder.CreateIndex(
                name: "IX_guidance_statements_client_id",
                table: "guidance_statements",
                column: "client_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "guidance_attachments");

            migrationBuilder.DropTable(
                name: "guidance_plan_item_versions");

            migrationBuilder.DropTable(
                name: "guidance_plan_items");

            migrationBuilder.DropTable(
                name: "guidance_statement_versions");

            migrationBuilder.DropTable(
                name: "guidance_statements");

            migrationBuilder.DropColumn(
                name: "education",
                table: "guidance_clients");

            migrationBuilder.DropColumn(
                name: "gender",
                table: "guidance_clients");
        }
    }
}
