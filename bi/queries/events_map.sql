-- Map of events: one point per located event (Superset deck.gl scatter; tests/bi runs it)
select
    event_id,
    event_date,
    event_type,
    acled_event_type,
    actor1_name,
    actor2_name,
    location_name,
    admin1,
    country_code,
    latitude,
    longitude,
    coalesce(fatalities_best, 0) as fatalities_best,
    source_original
from marts.fct_events
where latitude is not null and longitude is not null and not coalesce(is_deleted, false)
