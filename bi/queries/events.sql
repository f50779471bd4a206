-- Events of the last 30 days: one row per event, for the map, the timeline, the country map and
-- fatalities by area (tests/bi runs it). The 30 days end at the warehouse's latest event date
-- (capped at today: a mis-dated report must not move the window), so a few events dated years
-- back by their articles do not stretch the timeline.
with latest as (
    select least(max(event_date), current_date) as last_day
    from marts.fct_events
    where not coalesce(is_deleted, false)
)

select
    events.event_id,
    events.event_date,
    events.event_type,
    events.acled_event_type,
    events.actor1_name,
    events.actor2_name,
    events.location_name,
    events.admin1,
    events.country_code,
    coalesce(events.admin1, events.location_name, 'place unknown')
    || coalesce(', ' || events.country_code, '') as area,
    events.latitude,
    events.longitude,
    coalesce(events.fatalities_best, 0) as fatalities_best,
    events.source_original
from marts.fct_events as events
cross join latest
where
    not coalesce(events.is_deleted, false)
    and events.event_date > latest.last_day - 30
    and events.event_date <= latest.last_day
