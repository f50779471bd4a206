-- Top actors: events as actor1 or actor2 in the latest 7 days vs the 7 days before
with latest as (
    select max(event_date) as last_day from marts.fct_events
),

roles as (
    select event_date, actor1_name as actor_name from marts.fct_events
    where not coalesce(is_deleted, false)
    union all
    select event_date, actor2_name from marts.fct_events
    where not coalesce(is_deleted, false)
),

weekly as (
    select
        roles.actor_name,
        count(*) filter (where roles.event_date > latest.last_day - 7) as this_week,
        count(*) filter (
            where roles.event_date <= latest.last_day - 7 and roles.event_date > latest.last_day - 14
        ) as last_week
    from roles cross join latest
    where roles.actor_name is not null
    group by roles.actor_name
)

select
    actor_name,
    this_week,
    last_week,
    this_week - last_week as change,
    case when last_week > 0 then round(100.0 * (this_week - last_week) / last_week) end
        as change_pct
from weekly
where this_week > 0 or last_week > 0
