/* small_problem.h - the small fixed problem the scenario tests
 * (tests/test_io_scenario.c) and the schedule, scenario and job fuzz
 * harnesses read their input against: UTC, haversine; t-1 (gas) works 23 and 24 Nov 2026 08-17 with a
 * 30-minute lunch, t-2 the 23rd; jobs J-1 (a, gas, 08-12) and J-2 (b). */
#ifndef FIELDPLAN_TESTS_SMALL_PROBLEM_H
#define FIELDPLAN_TESTS_SMALL_PROBLEM_H

static const char small_problem[] =
    "{\"name\": \"s\", \"timezone\": \"UTC\",\n"
    " \"locations\": [{\"id\": \"depot\", \"lat\": 52.5, \"lon\": 13.4},\n"
    "   {\"id\": \"a\", \"lat\": 52.51, \"lon\": 13.41}, {\"id\": \"b\", \"lat\": 52.52, \"lon\": 13.38}],\n"
    " \"travel\": {\"model\": \"haversine\", \"speed_kmh\": 30},\n"
    " \"technicians\": [\n"
    "  {\"id\": \"t-1\", \"skills\": [\"gas\"], \"start_location\": \"depot\", \"shifts\": [\n"
    "   {\"start\": \"2026-11-23T08:00\", \"end\": \"2026-11-23T17:00\", \"breaks\": [{\"earliest\": "
    "\"2026-11-23T11:30\", \"latest\": \"2026-11-23T13:30\", \"duration_min\": 30}]},\n"
    "   {\"start\": \"2026-11-24T08:00\", \"end\": \"2026-11-24T17:00\", \"breaks\": [{\"earliest\": "
    "\"2026-11-24T11:30\", \"latest\": \"2026-11-24T13:30\", \"duration_min\": 30}]}]},\n"
    "  {\"id\": \"t-2\", \"start_location\": \"depot\", \"shifts\": [{\"start\": \"2026-11-23T08:00\", "
    "\"end\": \"2026-11-23T17:00\"}]}],\n"
    " \"jobs\": [\n"
    "  {\"id\": \"J-1\", \"location\": \"a\", \"duration_min\": 60, \"skills\": [\"gas\"], "
    "\"windows\": [{\"start\": \"2026-11-23T08:00\", \"end\": \"2026-11-23T12:00\"}]},\n"
    "  {\"id\": \"J-2\", \"location\": \"b\", \"duration_min\": 30, \"priority\": 3}]}\n";

#endif
