-- Fatalities by area: first-level administrative area within each country
select
    country_code,
    coalesce(admin1, '(unknown area)') as area,
    count(*) as events,
    sum(coalesce(fatalities_best, 0)) as fatalities,
    avg(latitude) as latitude,
    avg(longitude) as longitude
from marts.fct_events
where not coalesce(is_deleted, false) and country_code is not null
group by country_code, coalesce(admin1, '(unknown area)')
