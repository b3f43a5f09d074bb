using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Custodian.Modules.Training.Migrations
{
    /// <inheritdoc />
    internal partial class TrainingMarketing : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "training_campaigns",
                columns: table => new
                {
                    id = table.Column<Guid>(nullable: false),
                    audience = table.Column<string>(maxLength: 20, nullable: false),
                    card_type_key = table.Column<string>(maxLength: 60, nullable: false),
                    within_days = table.Column<int>(nullable: true),
                    subject_fi = table.Column<string>(maxLength: 150, nullable: false),
                    subject_en = table.Column<string>(maxLength: 150, nullable: false),
                    body_fi = table.Column<string>(maxLength: 4000, nullable: false),
                    body_en = table.Column<string>(maxLength: 4000, nullable: false),
                    created_by = table.Column<string>(maxLength: 80, nullable: false),
                    created_at = table.Column<DateTime>(nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_training_campaigns", x => x.id);
                    table.ForeignKey(
                        name: "FK_training_campaigns_training_card_types_card_type_key",
                        column: x => x.card_type_key,
                        principalTable: "training_card_types",
                        principalColumn: "key",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "training_marketing_suppressions",
                columns: table => new
                {
                    email_index = table.Column<byte[]>(nullable: false),
                    via = table.Column<string>(maxLength: 40, nullable: false),
                    suppressed_at = table.Column<DateTime>(nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_training_marketing_suppressions", x => x.email_index);
                });

            migrationBuilder.CreateTable(
                name: "training_campaign_recipients",
                columns: table => new
                {
                    campaign_id = table.Column<Guid>(nullable: false),
                    trainee_id = table.Column<Guid>(nullable: false),
                    id = table.Column<Guid>(nullable: false),
                    email_index = table.Column<byte[]>(nullable: false),
                    basis = table.Column<string>(maxLength: 16, nullable: false),
                    claimed_at = table.Column<DateTime>(nullable: false),
                    sent_at = table.Column<DateTime>(nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_training_campaign_recipients", x => new { x.campaign_id, x.trainee_id });
                    table.ForeignKey(
                        name: "FK_training_campaign_recipients_training_campaigns_campaign_id",
                        column: x => x.campaign_id,
                        principalTable: "training_campaigns",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_training_campaign_recipients_id",
                table: "training_campaign_recipients",
                column: "id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_training_campaign_recipients_trainee_id",
                table: "training_campaign_recipients",
                column: "trainee_id");

            migrationBuilder.CreateIndex(
                name: "IX_training_campaigns_card_type_key",
                table: "training_campaigns",
                column: "card_type_key");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "training_campaign_recipients");

            migrationBuilder.DropTable(
                name: "training_marketing_suppressions");

            migrationBuilder.DropTable(
                name: "training_campaigns");
        }
    }
}
