{{ config(materialized='view') }}

{#- The events analysts count: asserted (not hedged, negated or future) events, one row per
    real-world event. Deleted events stay visible with is_deleted so that copies can sync.
    Place names as analysts spell them (dim_locations: "Deir ez-Zor"), GeoNames' own kept in
    location_name_geonames and admin1_geonames. -#}

with events as (
    select * from {{ ref('fct_events_all') }}
),

places as (
    select
        location_id,
        location_name,
        admin1
    from {{ ref('dim_locations') }}
),

spellings as (
    select * from {{ ref('place_names_conventional') }}
),

final as (
    select
        events.* replace (
            coalesce(
                places.location_name,
                {{ conventional_name('events.location_name', 'place_spelling') }}
            ) as location_name,
            coalesce(
                places.admin1,
                {{ conventional_name('events.admin1', 'admin1_spelling') }}
            ) as admin1
        ),
        events.location_name as location_name_geonames,
        events.admin1 as admin1_geonames
    from events
    left join places on events.location_id = places.location_id
    left join spellings as place_spelling
        on
            events.country_code = place_spelling.country_code
            and events.location_name = place_spelling.geonames_name
    left join spellings as admin1_spelling
        on
            events.country_code = admin1_spelling.country_code
            and events.admin1 = admin1_spelling.geonames_name
    where events.modality = 'asserted'
)

select * from final
