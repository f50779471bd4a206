{#- Every place an event or mention points at, keyed by GeoNames id (negative ids: places the
    gazetteer overrides add). Gazetteer overrides win; otherwise the name most reports used.
    Names are shown as analysts spell them ("Deir ez-Zor"), GeoNames' own ("Dayr az Zawr") kept
    beside them in *_geonames. -#}

with overrides as (
    select * from {{ ref('gazetteer_overrides') }}
),

spellings as (
    select * from {{ ref('place_names_conventional') }}
),

event_places as (
    select * from {{ ref('int_event_mentions') }}
),

mention_places as (
    select * from {{ ref('stg_raw__mentions') }}
),

seen as (
    select
        location_geonames_id as geonames_id,
        location_name,
        location_admin1 as admin1,
        location_country_code as country_code,
        location_latitude as latitude,
        location_longitude as longitude
    from event_places
    where location_geonames_id is not null
    union all
    select
        origin_geonames_id,
        origin_name,
        origin_admin1,
        origin_country_code,
        origin_latitude,
        origin_longitude
    from event_places
    where origin_geonames_id is not null
    union all
    select
        geonames_id,
        coalesce(resolved_name, surface_text) as location_name,
        admin1,
        country_code,
        latitude,
        longitude
    from mention_places
    where mention_kind = 'location' and geonames_id is not null
),

seen_ranked as (
    select
        geonames_id,
        location_name,
        admin1,
        country_code,
        latitude,
        longitude,
        row_number() over (
            partition by geonames_id
            order by count(*) desc, location_name, admin1 asc, country_code asc, latitude asc, longitude asc
        ) as support_rank
    from seen
    group by geonames_id, location_name, admin1, country_code, latitude, longitude
),

from_overrides as (
    select
        cast(geonames_id as {{ dbt.type_bigint() }}) as geonames_id,
        cast(name as {{ dbt.type_string() }}) as location_name,
        cast(admin1 as {{ dbt.type_string() }}) as admin1,
        cast(admin2 as {{ dbt.type_string() }}) as admin2,
        cast(country_code as {{ dbt.type_string() }}) as country_code,
        cast(latitude as {{ type_double() }}) as latitude,
        cast(longitude as {{ type_double() }}) as longitude,
        cast(feature_code as {{ dbt.type_string() }}) as feature_code,
        'gazetteer_overrides' as location_origin
    from overrides
),

from_text as (
    select
        seen_ranked.geonames_id,
        seen_ranked.location_name,
        seen_ranked.admin1,
        cast(null as {{ dbt.type_string() }}) as admin2,
        seen_ranked.country_code,
        seen_ranked.latitude,
        seen_ranked.longitude,
        cast(null as {{ dbt.type_string() }}) as feature_code,
        'geonames' as location_origin
    from seen_ranked
    left join from_overrides on seen_ranked.geonames_id = from_overrides.geonames_id
    where seen_ranked.support_rank = 1 and from_overrides.geonames_id is null
),

unioned as (
    select * from from_overrides
    union all
    select * from from_text
),

final as (
    select
        unioned.geonames_id as location_id,
        unioned.geonames_id,
        {{ conventional_name('unioned.location_name', 'place_spelling') }} as location_name,
        {{ conventional_name('unioned.admin1', 'admin1_spelling') }} as admin1,
        {{ conventional_name('unioned.admin2', 'admin2_spelling') }} as admin2,
        unioned.country_code,
        unioned.latitude,
        unioned.longitude,
        unioned.feature_code,
        unioned.location_origin,
        unioned.location_name as location_name_geonames,
        unioned.admin1 as admin1_geonames,
        unioned.admin2 as admin2_geonames
    from unioned
    left join spellings as place_spelling
        on
            unioned.country_code = place_spelling.country_code
            and unioned.location_name = place_spelling.geonames_name
    left join spellings as admin1_spelling
        on
            unioned.country_code = admin1_spelling.country_code
            and unioned.admin1 = admin1_spelling.geonames_name
    left join spellings as admin2_spelling
        on
            unioned.country_code = admin2_spelling.country_code
            and unioned.admin2 = admin2_spelling.geonames_name
)

select * from final
