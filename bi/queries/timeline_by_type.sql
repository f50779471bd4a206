-- Timeline: events per day by PLOVER type
select
    event_date,
    event_type,
    count(*) as events,
    sum(coalesce(fatalities_best, 0)) as fatalities
from marts.fct_events
where not coalesce(is_deleted, false)
group by event_date, event_type
