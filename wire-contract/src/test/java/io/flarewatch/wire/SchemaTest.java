package io.flarewatch.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SchemaTest {

  private static final long NOW = 1_760_000_000_000L;
  private static final long SKEW = 300_000L;

  @Test
  void pointsAsTheEdgeWritesThemAreAccepted() {
    List<String> lines =
        List.of(
            "miner,firmware=braiins_os,miner=m-1,site=s up=1i,state=\"mining\",hashrate_ths=101.5,"
                + "temp_chip_max_c=71,temp_board_max_c=60.5,fan_rpm_max=5400i,uptime_s=86400i,"
                + "pools_alive=2i,pools_total=3i,power_w=3250,power_source=\"reported\" "
                + NOW,
            "miner,miner=m-2,site=s up=0i,error=\"Timeout\" " + NOW,
            "generator,device=gen-1,site=s up=1i,power_kw=401.5,status_bits=3 " + NOW,
            "generator,device=gen-1,site=s up=0i,error=\"Timeout\" " + NOW,
            "gas_meter,device=m1,role=genset_fuel_meter,site=s up=1i,flow_rate_mscfd=1.25,"
                + "interval_volume_scf=12.5,totalizer_event=\"reset\" "
                + NOW,
            "site_summary,site=s miners_total=10i,miners_online=9i,hashrate_ths=1000.5 " + NOW,
            "emissions,device=m1,methodology=flarewatch-epa98w-1.0,site=s avoided_tco2e=-0.5,"
                + "gas_volume_scf=12.5,param_gwp_set=\"AR5\",param_composition_c5_plus=\"0.01\" "
                + NOW,
            "edge_event,kind=buffer_full,site=s dropped_lines=12i,dropped_lines_total=40i " + NOW,
            "control_decision,site=s reason=\"shed_gas\",gas_available_scfh=7800.5,"
                + "capacity_kw=1020.1,target_kw=989.5,load_kw=980.2,miners_slept=3i,"
                + "miners_woken=0i,miners_limited=0i,miners_overridden=1i,"
                + "miners_changed=\"m-1,m-2,m-3\" "
                + NOW,
            "site_audit,role=ENGINEER,site=s,user=tech action=\"login\",outcome=\"ok\","
                + "status=200i,via=\"local\",method=\"POST\",path=\"/api/v1/auth/token\","
                + "remote_address=\"10.0.0.7\" "
                + NOW,
            "site_audit,command=local-1,site=s,user=tech action=\"command\",outcome=\"issued\","
                + "status=201i,note=\"sleep of 2 miners\" "
                + NOW,
            "site_audit,site=s action=\"request\",outcome=\"refused\",status=401i " + NOW);
    for (String line : lines) {
      Point point = LineProtocolParser.parse(line).get(0);
      assertNull(Schema.problem(point, NOW, SKEW), line);
    }
  }

  /** The findings that made the contract necessary, and the rest of its rules, one line each. */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          generator,device=g,site=s site="s2",power_kw=1 0 \
            | field 'site' is not allowed in measurement generator: it is a tag key
          generator,device=g,site=s miner=1 0 \
            | field 'miner' is not allowed in measurement generator: it is a tag key
          generator,device=g,site=s time=1 0 \
            | field 'time' is not allowed in measurement generator: InfluxDB reserves it
          audit,site=s,user=admin method="GET" 0 \
            | measurement 'audit' is not accepted: the edge writes only miner, generator, \
            gas_meter, site_summary, emissions, edge_event, command_event, command_miner, \
            control_decision, site_audit
          site_audit,site=s outcome="ok",status=200i 0 \
            | measurement site_audit needs the field 'action'
          site_audit,site=s action="logout",outcome="ok",status=200i 0 \
            | field 'action' of measurement site_audit must be one of login, token_login, \
            request, command, not 'logout'
          site_audit,site=s action="login",outcome="maybe",status=200i 0 \
            | field 'outcome' of measurement site_audit must be one of ok, refused, locked, \
            issued, not 'maybe'
          site_audit,site=s action="login",outcome="ok" 0 \
            | measurement site_audit needs the field 'status'
          site_audit,site=s action="login",outcome="ok",status=7i 0 \
            | field 'status' of measurement site_audit must be an HTTP status from 100 to 599, \
            not 7
          site_audit,site=s action="login",outcome="ok",status="200" 0 \
            | field 'status' of measurement site_audit must be an integer, not a string
          site_audit,site=s action="login",outcome="ok",status=200i,password="x" 0 \
            | field 'password' is not allowed in measurement site_audit
          site_audit,kind=x,site=s action="login",outcome="ok",status=200i 0 \
            | tag 'kind' is not allowed in measurement site_audit (its tags: command, role, site, \
            user)
          generator,device=g,site=s power_kw="poison" 0 \
            | field 'power_kw' of measurement generator must be a float, not a string
          generator,device=g,site=s power_kw=1i 0 \
            | field 'power_kw' of measurement generator must be a float, not an integer
          generator,device=g,site=s power_kw=t 0 \
            | field 'power_kw' of measurement generator must be a float, not a boolean
          generator,device=g,site=s up=1 0 \
            | field 'up' of measurement generator must be an integer, not a float
          generator,device=g,site=s _value=1 0 \
            | field '_value' is not allowed in measurement generator: a register's field name is \
            a letter, then letters, digits or '_', at most 64 characters
          miner,miner=m,site=s power_kw=1 0 | field 'power_kw' is not allowed in measurement miner
          emissions,device=d,methodology=x,site=s params_x="a" 0 \
            | field 'params_x' is not allowed in measurement emissions
          emissions,device=d,methodology=x,site=s param_x=1 0 \
            | field 'param_x' of measurement emissions must be a string, not a float
          miner,color=red,miner=m,site=s up=1i 0 \
            | tag 'color' is not allowed in measurement miner (its tags: firmware, miner, site)
          miner,site=s up=1i 0 | measurement miner needs the tag 'miner'
          generator,device=g up=1i 0 | measurement generator needs the tag 'site'
          """)
  void breakingARuleIsNamed(String line, String problem) {
    Point point = LineProtocolParser.parse(line.strip()).get(0);
    assertEquals(problem.strip().replaceAll("\\s+", " "), Schema.problem(point, NOW, SKEW));
  }

  @Test
  void aTimestampMoreThanTheSkewAheadIsRefusedAndOldOnesAreWelcome() {
    Point ahead = point(NOW + SKEW + 1);
    assertEquals(
        "timestamp "
            + (NOW + SKEW + 1)
            + " is 300.001 s in the future; at most 300 s ahead of central's clock is accepted",
        Schema.problem(ahead, NOW, SKEW));
    assertNull(Schema.problem(point(NOW + SKEW), NOW, SKEW));
    assertNull(Schema.problem(point(0), NOW, SKEW));
    String fortyDays = Schema.problem(point(NOW + 40L * 86_400_000), NOW, SKEW);
    assertTrue(fortyDays.contains("is 40 days in the future"), fortyDays);
  }

  @Test
  void longValuesAndNamesAreRefusedWithAShortMessage() {
    String longText = "x".repeat(70_000);
    List<String> lines =
        List.of(
            "generator,device=" + longText + ",site=s up=1i 0",
            "generator,device=g,site=s " + longText + "=1 0",
            "miner,miner=m,site=s error=\"" + longText + "\" 0",
            longText + ",site=s up=1i 0",
            "miner,miner=m,site=s," + longText + "=1 up=1i 0");
    for (String line : lines) {
      String problem = Schema.problem(LineProtocolParser.parse(line).get(0), NOW, SKEW);
      assertTrue(problem != null && problem.length() < 250, problem);
    }
  }

  @Test
  void aRegisterMapFieldMayBeAnyPlainNameButOnlyAFloat() {
    MeasurementContract generator = Schema.measurement(Schema.GENERATOR).orElseThrow();
    assertNull(generator.fieldProblem("Coolant_Temp_2", FieldType.FLOAT));
    assertEquals(
        "field 'coolant' of measurement generator must be a float, not an integer",
        generator.fieldProblem("coolant", FieldType.INTEGER));
    assertEquals(
        "field 'device' is not allowed in measurement generator: it is a tag key",
        generator.fieldProblem("device", FieldType.FLOAT));
  }

  @Test
  void everyFixedFieldHasOneTypeAndNoFixedFieldIsReserved() {
    for (MeasurementContract measurement : Schema.measurements()) {
      measurement
          .fields()
          .forEach(
              (name, type) -> {
                assertNull(measurement.fieldProblem(name, type), name);
                assertTrue(
                    measurement.fieldProblem(name, other(type)) != null,
                    measurement.name() + "." + name);
              });
      assertTrue(measurement.tagKeys().contains(Schema.TAG_SITE), measurement.name());
    }
  }

  @Test
  void anUnknownMeasurementNameIsNotAContract() {
    assertTrue(Schema.measurement("audit").isEmpty());
    assertThrows(UnsupportedOperationException.class, () -> Schema.measurements().clear());
  }

  private static FieldType other(FieldType type) {
    return type == FieldType.STRING ? FieldType.FLOAT : FieldType.STRING;
  }

  private static Point point(long time) {
    return Point.builder(Schema.SITE_SUMMARY, time)
        .tag(Schema.TAG_SITE, "s")
        .field(Schema.FIELD_MINERS_TOTAL, 1L)
        .build();
  }
}
