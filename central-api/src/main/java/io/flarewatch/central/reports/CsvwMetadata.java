package io.flarewatch.central.reports;

import io.flarewatch.emissions.Methodology;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HexFormat;

/**
 * The W3C CSV on the Web metadata document (JSON-LD, {@code application/csvm+json}) of a report's
 * CSV: its {@code url}, SHA-256, dialect, and a {@code tableSchema} giving every column's name,
 * datatype, unit ({@code schema:unitText}) and meaning ({@code dc:description}); the methodology,
 * the parameter sets with the period each was in effect ({@code prov:used}) and the notes ({@code
 * rdfs:comment}). Extra properties use prefixes of the CSVW context only ({@code dc}, {@code
 * schema}, {@code prov}, {@code rdfs}), so CSVW processors accept it without warnings.
 */
final class CsvwMetadata {

  static final String CONTEXT = "http://www.w3.org/ns/csvw";
  static final String SET_URN = "urn:flarewatch:parameter-set:";

  private CsvwMetadata() {}

  static JsonObject of(ReportContent content, String csvUrl, byte[] csv) {
    JsonArray columns = new JsonArray();
    for (ReportContent.Column column : content.columns()) {
      JsonObject json =
          new JsonObject()
              .put("name", column.name())
              .put("titles", column.name())
              .put("datatype", column.datatype().csvw())
              .put("dc:description", column.description());
      if (column.unit() != null) {
        json.put("schema:unitText", column.unit());
      }
      columns.add(json);
    }
    JsonArray used = new JsonArray();
    content.parameterSets().values().forEach(set -> used.add(setJson(set)));
    StringBuilder query = new StringBuilder();
    content
        .query()
        .forEach(
            (k, v) -> query.append(query.isEmpty() ? "" : ", ").append(k).append('=').append(v));
    return new JsonObject()
        .put("@context", new JsonArray().add(CONTEXT).add(new JsonObject().put("@language", "en")))
        .put("url", csvUrl)
        .put("dc:title", content.title())
        .put("dc:description", "Query: " + query)
        .put("dc:publisher", "Flarewatch central")
        .put("dc:conformsTo", Methodology.ID + " (" + Methodology.CITATION + ")")
        .put("schema:encodingFormat", "text/csv")
        .put("schema:sha256", sha256Hex(csv))
        .put("rdfs:comment", new JsonArray(content.notes()))
        .put("prov:used", used)
        .put(
            "dialect",
            new JsonObject()
                .put("header", true)
                .put("encoding", "utf-8")
                .put("lineTerminators", new JsonArray().add("\n")))
        .put(
            "tableSchema",
            new JsonObject()
                .put("columns", columns)
                .put("primaryKey", new JsonArray().add("site").add("period_start")));
  }

  /** A parameter set: id, every parameter, and per site its first and last interval in range. */
  static JsonObject setJson(ParameterSetCatalogue.Entry set) {
    JsonArray parameters = new JsonArray();
    set.parameters()
        .forEach(
            (k, v) ->
                parameters.add(new JsonObject().put("schema:name", k).put("schema:value", v)));
    JsonArray periods = new JsonArray();
    for (ParameterSetCatalogue.Period period : set.periods()) {
      periods.add(
          new JsonObject()
              .put("schema:name", period.site())
              .put("schema:startDate", period.first().toString())
              .put("schema:endDate", period.last().toString())
              .put(
                  "schema:description",
                  "first and last interval of site "
                      + period.site()
                      + " computed with this set, within the report's range"));
    }
    JsonObject json =
        new JsonObject()
            .put("@id", SET_URN + set.id())
            .put("schema:identifier", set.id())
            .put("schema:temporalCoverage", periods)
            .put("schema:additionalProperty", parameters);
    if (set.problem() != null) {
      json.put("rdfs:comment", set.problem());
    }
    return json;
  }

  static String sha256Hex(byte[] bytes) {
    return HexFormat.of().formatHex(ReportResponse.sha256(bytes));
  }
}
